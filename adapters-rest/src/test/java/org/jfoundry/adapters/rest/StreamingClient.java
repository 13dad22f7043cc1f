package org.jfoundry.adapters.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A streamed request over a raw socket, read chunk by chunk, that the test can hang up on at any moment. */
final class StreamingClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final StringBuilder received = new StringBuilder();
    private final java.util.List<String> chunks = new java.util.ArrayList<>();
    private String head;
    private boolean ended;

    StreamingClient(int port, String path, String json) {
        try {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(30_000);
            String request = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + json.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + json;
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            in = socket.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads chunks until the text received so far contains the needle. */
    String awaitText(String needle) {
        while (!received.toString().contains(needle)) {
            if (!readChunk()) {
                throw new AssertionError("the stream ended without '" + needle + "': " + received);
            }
        }
        return received.toString();
    }

    /** The HTTP chunks as the server flushed them, which is what one read of a streaming client gets at best. */
    java.util.List<String> chunks() {
        return java.util.List.copyOf(chunks);
    }

    String head() {
        return head;
    }

    String readToEnd() {
        while (readChunk()) {
            // keep reading
        }
        return received.toString();
    }

    private boolean readChunk() {
        if (ended) {
            return false;
        }
        try {
            if (head == null) {
                head = RawHttp.readHead(in);
            }
            int size = Integer.parseInt(RawHttp.readLine(in).split(";")[0].trim(), 16);
            if (size == 0) {
                ended = true;
                return false;
            }
            String chunk = new String(in.readNBytes(size), StandardCharsets.UTF_8);
            chunks.add(chunk);
            received.append(chunk);
            RawHttp.readLine(in);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Hangs up as a client that went away would: no more reads, the socket closed. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already gone.
        }
    }
}
