package org.jfoundry.adapters.cli.service;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Asks {@code GET /health} over a bare socket with short timeouts. No HTTP client library is loaded, because
 * {@code foundry service status} runs in SDK polling loops and must answer quickly.
 */
public final class HealthProbe {
    /** /health's whole answer is a few hundred bytes; read no more than this of anything else. */
    private static final int MAX_HEALTH_RESPONSE = 4096;
    private final int connectTimeoutMs;
    private final int readTimeoutMs;

    public HealthProbe(int connectTimeoutMs, int readTimeoutMs) {
        this.connectTimeoutMs = connectTimeoutMs;
        this.readTimeoutMs = readTimeoutMs;
    }

    public static HealthProbe quick() {
        return new HealthProbe(500, 2_000);
    }

    /** What {@code /health} says. */
    public enum State {
        /** 2xx, or 401 (see {@link #isHealthy}). */
        READY,
        /** 503 "starting": it listens, and requests wait until the engines are up. */
        STARTING,
        /** Nothing answers, or it answers something else (503 "stopping" included). */
        DOWN;

        /** Whether the service is there to take requests: ready, or starting with requests waiting for it. */
        public boolean answers() {
            return this != DOWN;
        }
    }

    /**
     * True when the service at that base URL answers {@code /health} with a 2xx status, or with 401: a service
     * configured with an API key guards every path, and this path does not read the key (that would mean parsing the
     * settings), but a 401 still proves the service is there and answering.
     */
    public boolean isHealthy(URI baseUrl) {
        return state(baseUrl) == State.READY;
    }

    public State state(URI baseUrl) {
        String host = baseUrl.getHost();
        if (host == null || host.equals("0.0.0.0") || host.equals("[::]")) {
            host = "127.0.0.1";
        }
        int port = baseUrl.getPort() > 0 ? baseUrl.getPort() : 80;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), connectTimeoutMs);
            socket.setSoTimeout(readTimeoutMs);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /health HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            int status = statusOf(in);
            if (status / 100 == 2 || status == 401) {
                return State.READY;
            }
            return status == 503 && saysStarting(new BufferedInputStream(in, 512)) ? State.STARTING : State.DOWN;
        } catch (IOException | RuntimeException unreachable) {
            return State.DOWN;
        }
    }

    /**
     * Whether the rest of a 503 (headers, then the small JSON body) says {@code "starting"}. Reads only until the body
     * has ended (its closing brace) rather than to the end of the stream, as the server may keep the connection open.
     */
    static boolean saysStarting(InputStream in) throws IOException {
        StringBuilder seen = new StringBuilder();
        int headersEnd = -1;
        int c;
        while (seen.length() < MAX_HEALTH_RESPONSE && (c = in.read()) >= 0) {
            seen.append((char) c);
            if (headersEnd < 0 && seen.length() >= 4 && seen.lastIndexOf("\r\n\r\n") == seen.length() - 4) {
                headersEnd = seen.length();
            } else if (headersEnd >= 0 && c == '}') {
                break;
            }
        }
        return headersEnd >= 0 && seen.indexOf("\"starting\"", headersEnd) >= 0;
    }

    /** The status code of an HTTP/1.x status line such as {@code HTTP/1.1 200 OK}; -1 when it is not one. */
    static int statusOf(InputStream in) throws IOException {
        byte[] line = new byte[12];
        int read = 0;
        while (read < line.length) {
            int n = in.read(line, read, line.length - read);
            if (n < 0) {
                break;
            }
            read += n;
        }
        String text = new String(line, 0, read, StandardCharsets.US_ASCII);
        if (read < 12 || !text.startsWith("HTTP/1.")) {
            return -1;
        }
        try {
            return Integer.parseInt(text.substring(9, 12));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
