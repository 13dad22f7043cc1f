package org.jfoundry.adapters.rest;

import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;
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
 */
final class EventStream implements AutoCloseable {
    private static final SseEvent HEARTBEAT = SseEvent.builder().comment(" keep-alive").build();

    private final ServerResponse response;
    private final CancellationSignal cancel;
    private final Metrics metrics;
    private final long heartbeatNanos;
    private final Thread heartbeats;
    private SseSink sink;
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
        send(SseEvent.create((" " + json).getBytes(StandardCharsets.UTF_8)));
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
                } catch (RuntimeException ignored) {
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
    private void send(SseEvent event) {
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
    private boolean emit(SseEvent event) {
        if (clientGone || closed) {
            return false;
        }
        try {
            if (sink == null) {
                sink = response.sink(SseSink.TYPE);
            }
            sink.emit(event);
            lastWriteNanos = System.nanoTime();
            return false;
        } catch (RuntimeException writeFailed) {
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
