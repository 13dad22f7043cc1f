package org.jfoundry.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** /health follows the composition root's readiness: 503 while starting, 200 when ready, 503 again when stopping. */
class HealthTest {
    @Test
    void healthIs503UntilTheServiceIsMarkedReady() {
        try (FakeFoundry foundry = new FakeFoundry()) {
            Health health = Health.starting();
            RunningServer server = RestServer.start(foundry.core, RestSettings.loopback(0), health);
            try {
                String request = RawHttp.get("/health", "127.0.0.1:" + server.port(), "");
                RawHttp.Response starting = RawHttp.exchange(server.port(), request);
                assertThat(starting.status()).isEqualTo(503);
                assertThat(starting.body()).contains("\"status\":\"starting\"");

                health.markReady();
                assertThat(RawHttp.exchange(server.port(), request).status()).isEqualTo(200);
            } finally {
                server.stop();
            }
            assertThat(health.isReady()).isFalse();
        }
    }
}
