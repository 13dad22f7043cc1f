package org.jfoundry.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With no API key (the default), what a web page in the user's browser can and cannot make the service do. */
class WebPageGuardsTest {
    private static final String CHAT = "{\"model\":\"" + FakeFoundry.CHAT_ALIAS
            + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":2}";
    private static FakeFoundry foundry;
    private static RunningServer server;

    @BeforeAll
    static void start() {
        foundry = new FakeFoundry();
        foundry.engine.releaseGenerations();
        server = RestServer.start(foundry.core, RestSettings.loopback(0));
    }

    @AfterAll
    static void stop() {
        server.stop();
        foundry.close();
    }

    private static String host() {
        return "127.0.0.1:" + server.port();
    }

    private static RawHttp.Response post(String path, String contentType, String extraHeaders, String body) {
        return RawHttp.exchange(server.port(), "POST " + path + " HTTP/1.1\r\nHost: " + host() + "\r\nContent-Type: "
                + contentType + "\r\n" + extraHeaders + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                + "\r\nConnection: close\r\n\r\n" + body);
    }

    @Test
    void aPostFromAForeignOriginIsRefused() {
        RawHttp.Response answer = post("/v1/chat/completions", "application/json", "Origin: https://evil.example\r\n", CHAT);

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body()).contains("\"code\":\"origin_not_allowed\"").contains("evil.example");
        assertThat(foundry.core.listLoaded()).isEmpty();
    }

    @Test
    void aTextPlainPostIsRefusedEvenWithoutAnOrigin() {
        RawHttp.Response answer = post("/v1/chat/completions", "text/plain", "", CHAT);

        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.body()).contains("\"code\":\"unsupported_media_type\"");
        assertThat(post("/v1/embeddings", "application/x-www-form-urlencoded", "",
                "{\"model\":\"minilm\",\"input\":\"x\"}").status()).isEqualTo(415);
    }

    @Test
    void theLegacyUnloadAndLoadGetsAreRefusedToAForeignOrigin() {
        RawHttp.Response unloadAll = RawHttp.exchange(server.port(),
                RawHttp.get("/openai/unloadall?force=true", host(), "Origin: https://evil.example\r\n"));
        RawHttp.Response load = RawHttp.exchange(server.port(),
                RawHttp.get("/openai/load/" + FakeFoundry.CHAT_ALIAS, host(), "Origin: null\r\n"));

        assertThat(unloadAll.status()).isEqualTo(403);
        assertThat(load.status()).isEqualTo(403);
        assertThat(foundry.core.listLoaded()).isEmpty();
    }

    @Test
    void theLegacyGetsAreRefusedToAnImageTagOnAnotherSite() {
        // An <img src> sends no Origin; the browser marks it cross-site.
        RawHttp.Response answer = RawHttp.exchange(server.port(), RawHttp.get("/openai/load/" + FakeFoundry.CHAT_ALIAS,
                host(), "Sec-Fetch-Site: cross-site\r\nSec-Fetch-Mode: no-cors\r\n"));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(foundry.core.listLoaded()).isEmpty();
    }

    @Test
    void sdksWithoutAnOriginAndTheServicesOwnPagesKeepWorking() {
        assertThat(post("/v1/chat/completions", "application/json; charset=utf-8", "", CHAT).status()).isEqualTo(200);
        assertThat(post("/v1/chat/completions", "application/json",
                "Origin: http://" + host() + "\r\nSec-Fetch-Site: same-origin\r\n", CHAT).status()).isEqualTo(200);
        assertThat(RawHttp.exchange(server.port(), RawHttp.get("/openai/unloadall?force=true", host(), "")).status())
                .isEqualTo(200);
        assertThat(RawHttp.exchange(server.port(), RawHttp.get("/v1/models", host(),
                "Sec-Fetch-Site: cross-site\r\n")).status()).as("a read-only GET").isEqualTo(200);
    }
}
