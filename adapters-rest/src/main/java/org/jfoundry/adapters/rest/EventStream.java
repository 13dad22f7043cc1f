package org.jfoundry.adapters.rest;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jfoundry.ports.inference.CancellationSignal;

/**
 * One OpenAI-style server-sent event stream: {@code data: <json>\n\n} per event, {@code data: [DONE]} at the end.
 *
 * <p>The HTTP status is committed lazily, so failures found before anything is sent (unknown model, full queue)
 * still get their own status. While a request waits (queued, loading) a comment is sent every heartbeat once the
 * stream is open: writing to a client that went away fails, and that failure cancels the generation, queued or not.
 * All writes are serialised here, because tokens, heartbeats and errors come from different threads.
 *
 * <p>The events are written to the response's own output stream rather than Helidon's {@code SseSink}: that sink is
 * refused to a request whose {@code Accept} does not name {@code text/event-stream}, and every official OpenAI SDK
 * sends {@code Accept: application/json}. OpenAI streams whatever {@code Accept} says, and so does this.
 */
final class EventStream implements AutoCloseable {
    private static final byte[] HEARTBEAT = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);

    private final ServerResponse response;
    private final CancellationSignal cancel;
    private final Metrics metrics;
    private final long heartbeatNanos;
    private final Thread heartbeats;
    private OutputStream sink;
    private boolean closed;
    private boolean clientGone;
    private long lastWriteNanos = System.nanoTime();

    EventStream(ServerResponse response, CancellationSignal cancel, Metrics metrics, Duration heartbeat) {
        this.response = response;
        this.cancel = cancel;
        this.metrics = metrics;
        this.heartbeatNanos = heartbeat.toNanos();
        this.heartbeats = Thread.ofVirtual().name("sse-heartbeat").start(this::beat);
    }

    /** Sends one event; after the client went away it does nothing (the generation is being cancelled). */
    void data(String json) {
        send(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
    }

    void done() {
        data("[DONE]");
    }

    /**
     * Ends the stream after a failure. Before the stream opened the failure is rethrown so the central error
     * handler answers with its status; afterwards it becomes a final error event (and no {@code [DONE]}).
     * When the client has left there is no one to tell.
     */
    void fail(RuntimeException failure) {
        synchronized (this) {
            if (clientGone) {
                return;
            }
            if (sink == null) {
                closed = true;
                throw failure;
            }
        }
        ApiError error = ErrorMapper.map(failure);
        metrics.error(error);
        data(Json.write(error.toJson()));
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            if (sink != null && !clientGone) {
                try {
                    sink.close();
                } catch (IOException | RuntimeException ignored) {
                    // The client left while the stream was ending; nothing is lost.
                }
            }
        }
        heartbeats.interrupt();
    }

    /**
     * Writes under the lock; cancels outside it, because cancelling runs the core's callbacks on this thread and
     * they may wake the request thread, which then needs this lock to end the stream.
     */
    private void send(byte[] event) {
        boolean lostClient;
        synchronized (this) {
            lostClient = emit(event);
        }
        if (lostClient) {
            metrics.clientGone();
            cancel.cancel("the client disconnected");
        }
    }

    /** Returns true when this write found the client gone. */
    private boolean emit(byte[] event) {
        if (clientGone || closed) {
            return false;
        }
        try {
            if (sink == null) {
                response.header(HeaderValues.create(HeaderNames.CONTENT_TYPE, "text/event-stream"));
                response.header(HeaderValues.CACHE_NO_CACHE);
                sink = response.outputStream();
            }
            sink.write(event);
            sink.flush();
            lastWriteNanos = System.nanoTime();
            return false;
        } catch (IOException | RuntimeException writeFailed) {
            clientGone = true;
            return true;
        }
    }

    private void beat() {
        try {
            while (true) {
                Thread.sleep(Duration.ofNanos(heartbeatNanos));
                boolean due;
                synchronized (this) {
                    if (closed || clientGone) {
                        return;
                    }
                    due = System.nanoTime() - lastWriteNanos >= heartbeatNanos;
                }
                if (due) {
                    send(HEARTBEAT);
                }
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }
}
