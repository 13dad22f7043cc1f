package org.jfoundry.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code server start --idle-timeout}: the server asks to stop once no request has been in flight for that long. */
class IdleTimeoutTest {
    private final FakeFoundry foundry = new FakeFoundry();
    private final HttpClient http = HttpClient.newHttpClient();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final RunningServer server = RestServer.start(foundry.core, RestSettings.loopback(0));

    @AfterEach
    void stop() {
        server.stop();
        foundry.close();
    }

    private int get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void requestsKeepTheServiceAliveAndSilenceStopsIt() throws Exception {
        server.health().onStopRequest(stopRequested::countDown);
        server.stopWhenIdleFor(Duration.ofMillis(800));

        long until = System.nanoTime() + Duration.ofMillis(2000).toNanos();
        while (System.nanoTime() < until) {
            assertThat(get("/models/loaded")).isEqualTo(200);
            Thread.sleep(100);
        }
        assertThat(stopRequested.getCount()).as("stopped while requests kept coming").isEqualTo(1);

        assertThat(stopRequested.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(server.health().isReady()).isFalse();
    }

    @Test
    void healthProbesDoNotKeepItAlive() throws Exception {
        server.health().onStopRequest(stopRequested::countDown);
        server.stopWhenIdleFor(Duration.ofMillis(300));

        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (stopRequested.getCount() > 0 && System.nanoTime() < until) {
            get("/health");
            Thread.sleep(50);
        }
        assertThat(stopRequested.getCount()).isZero();
    }

    @Test
    void aTimeoutThatIsNotPositiveIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> server.stopWhenIdleFor(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
