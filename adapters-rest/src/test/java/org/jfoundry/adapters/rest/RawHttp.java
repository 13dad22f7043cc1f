package org.jfoundry.adapters.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 by hand, for what ordinary clients will not send: a foreign Host, a chunked oversized body, a hang-up,
 * pipelined requests.
 */
final class RawHttp {
    private RawHttp() {
    }

    record Response(int status, String head, String body) {
        boolean hasHeader(String nameColonValuePrefix) {
            return head.toLowerCase(Locale.ROOT).contains("\r\n" + nameColonValuePrefix.toLowerCase(Locale.ROOT));
        }
    }

    /** Sends the request and reads one whole response (by Content-Length or chunks). */
    static Response exchange(int port, String request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String get(String path, String host, String extraHeaders) {
        return "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + extraHeaders + "Connection: close\r\n\r\n";
    }

    /** A keep-alive JSON POST, as a pooling client sends it. */
    static String post(String path, int port, String json) {
        return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + json.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + json;
    }

    static Response read(InputStream in) throws IOException {
        String head = readHead(in);
        int status = Integer.parseInt(head.substring(9, 12));
        String lower = head.toLowerCase(Locale.ROOT);
        String body;
        if (lower.contains("\r\ntransfer-encoding: chunked")) {
            body = readChunked(in);
        } else {
            int at = lower.indexOf("\r\ncontent-length:");
            if (at >= 0) {
                int end = lower.indexOf("\r\n", at + 2);
                int length = Integer.parseInt(lower.substring(at + 17, end < 0 ? lower.length() : end).trim());
                body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            } else {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return new Response(status, head, body);
    }

    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside the response head: " + head);
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.UTF_8);
        return text.substring(0, text.length() - 4);
    }

    /** Reads chunks until the last one; each chunk's bytes are kept as they came, so framing can be checked. */
    static String readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                readLine(in);
                return body.toString(StandardCharsets.UTF_8);
            }
            body.write(in.readNBytes(size));
            readLine(in);
        }
    }

    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside a chunk header");
            }
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(b);
            previous = b;
        }
    }
}
