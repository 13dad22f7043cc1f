package org.jfoundry.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import org.jfoundry.ports.in.FoundryService;
import org.junit.jupiter.api.Test;

/** No request takes the service down: a core that fails in unexpected ways yields 500s and the server keeps serving. */
class FaultToleranceTest {

    @Test
    void unexpectedFailuresInTheCoreAreContained() {
        FoundryService broken = (FoundryService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {FoundryService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("listCached")) {
                        throw new StackOverflowError("deep inside");
                    }
                    throw new IllegalStateException("core exploded: /secret/path");
                });
        RunningServer server = RestServer.start(broken, RestSettings.loopback(0));
        try {
            String host = "127.0.0.1:" + server.port();
            for (int i = 0; i < 3; i++) {
                RawHttp.Response crash = RawHttp.exchange(server.port(), RawHttp.get("/openai/loadedmodels", host, ""));
                assertThat(crash.status()).isEqualTo(500);
                assertThat(crash.body()).contains("\"type\":\"server_error\"").doesNotContain("/secret/path");
            }
            assertThat(RawHttp.exchange(server.port(), RawHttp.get("/v1/models", host, "")).status()).isEqualTo(500);
            assertThat(RawHttp.exchange(server.port(), RawHttp.get("/health", host, "")).status()).isEqualTo(200);
        } finally {
            server.stop();
        }
    }
}
