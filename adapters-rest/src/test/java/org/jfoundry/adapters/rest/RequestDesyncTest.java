package org.jfoundry.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A body the handler refuses half read is never parsed as a further request: one request, one answer. */
class RequestDesyncTest {
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 (\\d{3}) ");
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

    /** Everything the server sends until it closes the connection. */
    private static String exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String head(String framing) {
        return "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                + "\r\nContent-Type: application/json\r\n" + framing + "\r\n";
    }

    private static java.util.List<Integer> statuses(String answer) {
        java.util.List<Integer> found = new java.util.ArrayList<>();
        Matcher m = STATUS_LINE.matcher(answer);
        while (m.find()) {
            found.add(Integer.parseInt(m.group(1)));
        }
        return found;
    }

    @Test
    void aBodyRefusedForItsNestingIsNotReadAsASecondRequest() throws IOException {
        // The tail smuggles a whole request; it must never be answered.
        String smuggled = "GET /openai/unloadall?force=true HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        String body = "{\"model\":" + "[".repeat(1500) + " ".repeat(20_000) + smuggled;
        String answer = exchange(head("Content-Length: " + body.length() + "\r\n") + body);

        assertThat(statuses(answer)).containsExactly(400);
    }

    @Test
    void aMalformedChunkSizeIsOne400() throws IOException {
        String answer = exchange(head("Transfer-Encoding: chunked\r\n") + "zz\r\n{}\r\n0\r\n\r\n"
                + "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

        assertThat(statuses(answer)).containsExactly(400);
        assertThat(answer).contains("\"type\":\"invalid_request_error\"").doesNotContain("internal_error");
    }

    @Test
    void aBadChunkMidBodyIsOne400() throws IOException {
        String answer = exchange(head("Transfer-Encoding: chunked\r\n") + "4\r\n{\"mo\r\n5\r\nde\r\n"
                + "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

        assertThat(statuses(answer)).containsExactly(400);
    }

    @Test
    void aBodyOverTheLimitIsAnsweredThenReadToItsEndSoTheConnectionServesTheNextRequest() throws IOException {
        int length = (16 << 20) + 1024;
        String answer = exchange(head("Content-Length: " + length + "\r\n") + " ".repeat(length)
                + "GET /health HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nConnection: close\r\n\r\n");

        assertThat(statuses(answer)).containsExactly(413, 200);
        assertThat(answer).doesNotContain("Connection: close\r\n\r\n{\"error\"");
    }
}
