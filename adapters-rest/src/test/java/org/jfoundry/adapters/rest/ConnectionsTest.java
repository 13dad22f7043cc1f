package org.jfoundry.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Connections end when asked to, idle ones time out, and only so many are open at once. */
class ConnectionsTest {
    private static final int MAX_CONNECTIONS = 3;
    private static FakeFoundry foundry;
    private static RunningServer server;

    @BeforeAll
    static void start() {
        foundry = new FakeFoundry();
        server = RestServer.start(foundry.core, RestSettings.loopback(0), Health.starting(), true,
                new ConnectionLimits(MAX_CONNECTIONS, Duration.ofSeconds(1), Duration.ofMillis(200)));
    }

    @AfterAll
    static void stop() {
        server.stop();
        foundry.close();
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(5_000);
        return socket;
    }

    private static void send(Socket socket, String request) throws IOException {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    private static String get(String path, String connection) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nConnection: " + connection + "\r\n\r\n";
    }

    @Test
    void connectionCloseClosesTheConnectionAfterTheAnswer() throws IOException {
        try (Socket socket = connect()) {
            send(socket, get("/v1/models", "close"));
            InputStream in = socket.getInputStream();
            RawHttp.Response answer = RawHttp.read(in);

            assertThat(answer.status()).isEqualTo(200);
            assertThat(in.read()).as("end of stream").isEqualTo(-1);
        }
    }

    @Test
    void connectionCloseClosesAfterAnErrorToo() throws IOException {
        try (Socket socket = connect()) {
            send(socket, get("/v1/models/no-such-model", "close"));
            InputStream in = socket.getInputStream();

            assertThat(RawHttp.read(in).status()).isEqualTo(404);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void aKeepAliveConnectionServesSeveralRequests() throws IOException {
        try (Socket socket = connect()) {
            for (int i = 0; i < 3; i++) {
                send(socket, get("/health", "keep-alive"));
                assertThat(RawHttp.read(socket.getInputStream()).status()).isEqualTo(200);
            }
        }
    }

    @Test
    void aSilentConnectionIsClosedOnceIdle() throws IOException {
        try (Socket silent = connect()) {
            long started = System.nanoTime();

            assertThat(silent.getInputStream().read()).isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    void connectionsOverTheCapWaitUntilOneCloses() throws IOException {
        Socket[] held = new Socket[MAX_CONNECTIONS];
        try (Socket waiting = new Socket()) {
            for (int i = 0; i < held.length; i++) {
                held[i] = connect();
                send(held[i], get("/health", "keep-alive"));
                assertThat(RawHttp.read(held[i].getInputStream()).status()).isEqualTo(200);
            }
            waiting.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()));
            waiting.setSoTimeout(300);
            send(waiting, get("/health", "close"));
            assertThatThrownBy(() -> waiting.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);

            held[0].close();
            waiting.setSoTimeout(5_000);
            assertThat(RawHttp.read(waiting.getInputStream()).status()).isEqualTo(200);
        } finally {
            for (Socket socket : held) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
    }
}
