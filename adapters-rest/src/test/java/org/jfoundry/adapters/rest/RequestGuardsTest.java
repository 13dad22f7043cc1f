package org.jfoundry.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jfoundry.ports.settings.ServiceSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** API key, Host allowlist, CORS and the body limit, over a real socket. */
class RequestGuardsTest {
    private static final String KEY = "s3cret-key";
    private static FakeFoundry foundry;
    private static RunningServer server;

    @BeforeAll
    static void start() {
        foundry = new FakeFoundry();
        server = RestServer.start(foundry.core, RestSettings.loopback(0).withApiKey(KEY).withMaxRequestBodyBytes(1024)
                .withCorsOrigins(List.of("https://app.example")).withAllowedHosts(List.of("foundry.lan")));
    }

    @AfterAll
    static void stop() {
        server.stop();
        foundry.close();
    }

    private static String host() {
        return "127.0.0.1:" + server.port();
    }

    private static RawHttp.Response get(String path, String headers) {
        return RawHttp.exchange(server.port(), RawHttp.get(path, host(), headers));
    }

    @Test
    void everyRouteNeedsTheKeyOnceOneIsSet() {
        for (String path : List.of("/v1/models", "/openai/status", "/health", "/metrics", "/foundry/list")) {
            RawHttp.Response answer = get(path, "");
            assertThat(answer.status()).as(path).isEqualTo(401);
            assertThat(answer.body()).contains("\"code\":\"invalid_api_key\"");
            assertThat(answer.hasHeader("www-authenticate: bearer")).isTrue();
        }
        assertThat(get("/v1/models", "Authorization: Bearer wrong\r\n").status()).isEqualTo(401);
        assertThat(get("/v1/models", "Authorization: Bearer " + KEY + "\r\n").status()).isEqualTo(200);
        assertThat(get("/v1/models", "api-key: " + KEY + "\r\n").status()).isEqualTo(200);
    }

    @Test
    void theKeyFallsBackToTheEnvironmentVariable() {
        ServiceSettings settings = ServiceSettings.defaults(Path.of("/tmp/none"));

        assertThat(RestSettings.from(settings, Map.of("FOUNDRY_API_KEY", "from-env")).apiKey()).isEqualTo("from-env");
        assertThat(RestSettings.from(settings.withApiKey("configured"), Map.of("FOUNDRY_API_KEY", "from-env")).apiKey())
                .isEqualTo("configured");
        assertThat(RestSettings.from(settings, Map.of()).apiKey()).isNull();
    }

    @Test
    void aForeignHostNameIsRefusedOnALoopbackBind() {
        String auth = "Authorization: Bearer " + KEY + "\r\n";
        RawHttp.Response rebound = RawHttp.exchange(server.port(), RawHttp.get("/v1/models", "attacker.example:5272", auth));

        assertThat(rebound.status()).isEqualTo(403);
        assertThat(rebound.body()).contains("attacker.example");
        assertThat(RawHttp.exchange(server.port(), RawHttp.get("/v1/models", "localhost:" + server.port(), auth)).status())
                .isEqualTo(200);
        assertThat(RawHttp.exchange(server.port(), RawHttp.get("/v1/models", "foundry.lan", auth)).status())
                .isEqualTo(200);
    }

    @Test
    void aPreflightFromAnAllowedOriginIsAnsweredWithoutTheKey() {
        String preflight = "OPTIONS /v1/chat/completions HTTP/1.1\r\nHost: " + host() + "\r\nOrigin: https://app.example\r\n"
                + "Access-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: authorization, content-type\r\n"
                + "Connection: close\r\n\r\n";
        RawHttp.Response answer = RawHttp.exchange(server.port(), preflight);

        assertThat(answer.status()).isEqualTo(204);
        assertThat(answer.hasHeader("access-control-allow-origin: https://app.example")).isTrue();
        assertThat(answer.hasHeader("access-control-allow-methods: ")).isTrue();
    }

    @Test
    void anOriginThatIsNotConfiguredIsRefusedWithoutCorsHeaders() {
        RawHttp.Response answer = get("/v1/models", "Origin: https://evil.example\r\nAuthorization: Bearer " + KEY + "\r\n");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.hasHeader("access-control-allow-origin")).isFalse();
    }

    @Test
    void aDeclaredBodyOverTheLimitIs413() {
        String body = "{\"model\":\"phi-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(2000) + "\"}]}";
        String request = "POST /v1/chat/completions HTTP/1.1\r\nHost: " + host() + "\r\nAuthorization: Bearer " + KEY
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n"
                + body;
        RawHttp.Response answer = RawHttp.exchange(server.port(), request);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body()).contains("\"code\":\"request_too_large\"");
    }

    @Test
    void aChunkedBodyOverTheLimitIsCutOffWith413() {
        String body = "{\"model\":\"phi-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(2000) + "\"}]}";
        String request = "POST /v1/chat/completions HTTP/1.1\r\nHost: " + host() + "\r\nAuthorization: Bearer " + KEY
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n";
        RawHttp.Response answer = RawHttp.exchange(server.port(), request);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body()).contains("\"code\":\"request_too_large\"");
    }

    @Test
    void aMalformedRequestIsAnsweredInOpenAiErrorJson() {
        RawHttp.Response answer = RawHttp.exchange(server.port(), "NONSENSE\r\n\r\n");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).startsWith("{\"error\":{").contains("\"type\":\"invalid_request_error\"");
    }

    @Test
    void portZeroBindsAFreePortAndStatusReportsTheBoundUrl() {
        assertThat(server.port()).isPositive();
        assertThat(server.url()).isEqualTo("http://127.0.0.1:" + server.port());
        RawHttp.Response status = get("/openai/status", "Authorization: Bearer " + KEY + "\r\n");

        assertThat(status.body()).contains("\"endpoints\":[\"" + server.url() + "\"]");
    }
}
