package org.jfoundry.adapters.cli.service;

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
    private final int connectTimeoutMs;
    private final int readTimeoutMs;

    public HealthProbe(int connectTimeoutMs, int readTimeoutMs) {
        this.connectTimeoutMs = connectTimeoutMs;
        this.readTimeoutMs = readTimeoutMs;
    }

    public static HealthProbe quick() {
        return new HealthProbe(500, 2_000);
    }

    /**
     * True when the service at that base URL answers {@code /health} with a 2xx status, or with 401: a service
     * configured with an API key guards every path, and this path does not read the key (that would mean parsing the
     * settings), but a 401 still proves the service is there and answering.
     */
    public boolean isHealthy(URI baseUrl) {
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
            int status = statusOf(socket.getInputStream());
            return status / 100 == 2 || status == 401;
        } catch (IOException | RuntimeException unreachable) {
            return false;
        }
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
