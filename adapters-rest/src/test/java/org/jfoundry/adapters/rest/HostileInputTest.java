package org.jfoundry.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The repeatable hostile-input run, over loopback only: seeded random requests built from the shapes that broke the
 * service before (foreign origins, wrong media types and methods, deep nesting with a smuggled request behind it, bad
 * chunks, lying lengths, hang-ups), then a flood of idle connections past the cap. Every request sent gets at most one
 * answer, none a 5xx, and the service answers /health afterwards.
 *
 * <p>Bounded in time and size: the normal build runs {@value #SHORT_REQUESTS} requests and {@value #SHORT_IDLE}
 * idle connections; the full form is
 * {@code ./mvnw -B -pl adapters-rest -am verify -Dtest=HostileInputTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dhostile.requests=5000 -Dhostile.idle=3000 -Dhostile.seed=N} (about a minute).
 */
class HostileInputTest {
    static final int SHORT_REQUESTS = 150;
    static final int SHORT_IDLE = 40;
    private static final int MAX_CONNECTIONS = 16;
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 (\\d{3}) ");
    private static final List<String> PATHS = List.of("/v1/chat/completions", "/v1/completions", "/v1/embeddings",
            "/v1/models", "/v1/models/phi-mini", "/openai/load/phi-mini", "/openai/unloadall", "/openai/download",
            "/openai/status", "/health", "/metrics", "/foundry/list", "/v1/nothing", "/%2e%2e/etc/passwd");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS");
    private static final List<String> CONTENT_TYPES = List.of("application/json", "text/plain",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-8");
    private static final List<String> ORIGINS = List.of("", "Origin: https://evil.example\r\n", "Origin: null\r\n",
            "Sec-Fetch-Site: cross-site\r\n");

    private static FakeFoundry foundry;
    private static RunningServer server;

    @BeforeAll
    static void start() {
        foundry = new FakeFoundry();
        foundry.engine.releaseGenerations();
        server = RestServer.start(foundry.core, RestSettings.loopback(0).withMaxRequestBodyBytes(64 * 1024),
                Health.starting(), true, new ConnectionLimits(MAX_CONNECTIONS, Duration.ofSeconds(2), Duration.ofMillis(500)));
    }

    @AfterAll
    static void stop() {
        server.stop();
        foundry.close();
    }

    private static int setting(String name, int fallback) {
        String value = System.getProperty(name, System.getenv(name.replace('.', '_').toUpperCase(java.util.Locale.ROOT)));
        return value == null ? fallback : Integer.parseInt(value);
    }

    @Test
    void noHostileRequestGetsA5xxOrASecondAnswer() throws IOException {
        long seed = setting("hostile.seed", 18);
        Random random = new Random(seed);
        int requests = setting("hostile.requests", SHORT_REQUESTS);
        for (int i = 0; i < requests; i++) {
            String request = hostileRequest(random);
            List<Integer> statuses = statuses(exchange(request));
            assertThat(statuses).as("seed %d, request %d:\n%s", seed, i, abbreviated(request)).hasSizeLessThanOrEqualTo(1)
                    .allMatch(status -> status < 500);
        }
        assertThat(RawHttp.exchange(server.port(), RawHttp.get("/health", "127.0.0.1", "")).status()).isEqualTo(200);
    }

    @Test
    void idleConnectionsPastTheCapDoNotTakeTheListenerDown() throws IOException {
        int count = setting("hostile.idle", SHORT_IDLE);
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                Socket socket = new Socket();
                idle.add(socket);
                try {
                    socket.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()), 250);
                } catch (SocketTimeoutException backlogFull) {
                    // Past the cap and the kernel's backlog, further clients are held off: nothing more to open.
                    break;
                }
            }
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
        // Closed ones free their slots at once; the service answers again.
        assertThat(RawHttp.exchange(server.port(), RawHttp.get("/health", "127.0.0.1", "")).status()).isEqualTo(200);
    }

    private static String hostileRequest(Random random) {
        String method = pick(random, METHODS);
        String path = pick(random, PATHS);
        String headers = "Host: 127.0.0.1:" + server.port() + "\r\n" + pick(random, ORIGINS);
        String body = switch (random.nextInt(6)) {
            case 0 -> "";
            case 1 -> "{\"model\":\"phi-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":2}";
            case 2 -> "{\"model\":" + "[".repeat(1001 + random.nextInt(2000)) + " ".repeat(random.nextInt(30_000))
                    + "GET /openai/unloadall?force=true HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
            case 3 -> "{\"model\":{\"Name\":\"x-generic-cpu:1\",\"Uri\":\"file:///etc/ssh/\"}}";
            case 4 -> randomBytes(random, random.nextInt(4096));
            default -> "{\"model\":\"phi-mini\",\"prompt\":\"" + "a".repeat(random.nextInt(100_000)) + "\"}";
        };
        if (!body.isEmpty()) {
            headers += "Content-Type: " + pick(random, CONTENT_TYPES) + "\r\n";
        }
        String framing;
        String payload;
        switch (random.nextInt(4)) {
            case 0 -> {
                framing = "Transfer-Encoding: chunked\r\n";
                payload = (random.nextBoolean() ? "zz" : Integer.toHexString(body.length() + 5)) + "\r\n" + body
                        + "\r\n0\r\n\r\n";
            }
            case 1 -> {
                framing = "Content-Length: " + (body.length() + random.nextInt(3) - 1) + "\r\n";
                payload = body;
            }
            default -> {
                framing = body.isEmpty() ? "" : "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n";
                payload = body;
            }
        }
        return method + " " + path + " HTTP/1.1\r\n" + headers + framing + "Connection: close\r\n\r\n" + payload;
    }

    /** What the server sends until it closes, or until it has been silent for a while (a body it still waits for). */
    private static String exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(3_000);
            try {
                socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
            } catch (IOException refusedMidBody) {
                // The server answered and closed before taking everything: what it sent still counts.
            }
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    answer.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                }
            } catch (SocketTimeoutException waitingForMore) {
                // A declared length longer than the body sent: the server waits, as it should.
            } catch (IOException reset) {
                // Closed with unread input left: a reset after the answer.
            }
            return answer.toString();
        }
    }

    private static List<Integer> statuses(String answer) {
        List<Integer> found = new ArrayList<>();
        Matcher m = STATUS_LINE.matcher(answer);
        while (m.find()) {
            found.add(Integer.parseInt(m.group(1)));
        }
        return found;
    }

    private static String randomBytes(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) random.nextInt(256));
        }
        return text.toString();
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String abbreviated(String request) {
        return request.length() > 300 ? request.substring(0, 300) + "... (" + request.length() + " chars)" : request;
    }
}
