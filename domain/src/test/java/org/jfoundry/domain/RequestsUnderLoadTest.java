package org.jfoundry.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jfoundry.ports.failure.CancelledException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.Completion;
import org.jfoundry.ports.model.ModelId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequestsUnderLoadTest {

    private static final String MODEL = "phi-generic-cpu:1";

    private final CoreFixture fixture = new CoreFixture();

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void noMoreThanTheLimitRunAtOnceAndEveryRequestEndsOneWayOrTheOther() throws Exception {
        fixture.settings = fixture.settings.withQueue(2, 100);
        fixture.store.add(MODEL, 10);
        fixture.engine.tokenDelay(Duration.ofMillis(1));
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<CompletableFuture<Completion>> requests = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            CancellationSignal cancel = new CancellationSignal();
            if (i % 5 == 0) {
                cancel.cancel("given up");
            }
            requests.add(fixture.async(() -> fixture.core().streamChatCompletion(CoreFixture.chat(MODEL),
                    chunk -> mostAtOnce.accumulateAndGet(fixture.engine.generationsRunning(), Math::max), cancel)));
        }

        int finished = 0;
        int cancelled = 0;
        for (CompletableFuture<Completion> request : requests) {
            try {
                request.get(60, TimeUnit.SECONDS);
                finished++;
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(CancelledException.class);
                cancelled++;
            }
        }

        assertThat(finished).isEqualTo(19);
        assertThat(cancelled).isEqualTo(5);
        assertThat(mostAtOnce.get()).isBetween(1, 2);
        assertThat(fixture.core().listLoaded().getFirst().inFlightRequests()).isZero();
        assertThat(fixture.engine.loadCount(ModelId.parse(MODEL))).isEqualTo(1);
    }
}
