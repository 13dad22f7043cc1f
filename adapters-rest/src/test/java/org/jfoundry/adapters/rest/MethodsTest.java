package org.jfoundry.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Wrong methods are a 405 that says which are allowed; HEAD answers as GET would, without a body. */
class MethodsTest {
    private static FakeFoundry foundry;
    private static RunningServer server;

    @BeforeAll
    static void start() {
        foundry = new FakeFoundry();
        server = RestServer.start(foundry.core, RestSettings.loopback(0));
    }

    @AfterAll
    static void stop() {
        server.stop();
        foundry.close();
    }

    private static String request(String method, String path) {
        return method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nConnection: close\r\n\r\n";
    }

    /** Everything the server sends until it closes: a HEAD answer must end with its head. */
    private static String raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aGetOnAPostRouteIs405WithAllow() {
        RawHttp.Response answer = RawHttp.exchange(server.port(), request("GET", "/v1/chat/completions"));

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.hasHeader("allow: POST")).isTrue();
        assertThat(answer.body()).contains("\"code\":\"method_not_allowed\"");
    }

    @Test
    void aDeleteOnAGetRouteIs405WithAllow() {
        RawHttp.Response answer = RawHttp.exchange(server.port(), request("DELETE", "/v1/models"));

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.hasHeader("allow: GET, HEAD")).isTrue();
        assertThat(RawHttp.exchange(server.port(), request("PUT", "/openai/load/phi-mini")).status()).isEqualTo(405);
    }

    @Test
    void anUnknownPathIsStill404() {
        assertThat(RawHttp.exchange(server.port(), request("GET", "/v1/nothing")).status()).isEqualTo(404);
    }

    @Test
    void headAnswersAsGetWithoutABody() throws Exception {
        String answer = raw(request("HEAD", "/v1/models"));

        assertThat(answer).startsWith("HTTP/1.1 200");
        assertThat(answer).endsWith("\r\n\r\n");
        assertThat(raw(request("HEAD", "/v1/nothing"))).startsWith("HTTP/1.1 404").endsWith("\r\n\r\n");
        assertThat(raw(request("HEAD", "/v1/chat/completions"))).startsWith("HTTP/1.1 405").endsWith("\r\n\r\n");
    }
}
