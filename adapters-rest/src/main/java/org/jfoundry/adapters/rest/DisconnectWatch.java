package org.jfoundry.adapters.rest;

import io.helidon.common.buffers.DataReader;
import io.helidon.webserver.http.ServerRequest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.jfoundry.ports.inference.CancellationSignal;

/**
 * Notices that the client of a non-streamed request went away while its answer is still being made (queued, loading
 * or generating), and cancels the work. Helidon gives a handler no disconnect signal, and a whole answer writes
 * nothing until it is done, so the connection itself is watched: once the request body has been read, the client
 * sends nothing more until it has its answer, so a read that ends (end of stream, reset) means it left.
 *
 * <p>The read goes through the connection's own {@link DataReader} and only asks for data to be available: bytes a
 * client sends early (a pipelined request) stay buffered for the connection to parse next, and the watch ends there.
 * A blocking read cannot be taken back, though, so a watch that is still reading when the answer is ready must
 * close the connection after the answer ({@link Outcome#READ_PENDING}): the connection's thread must never read
 * beside it. The watch starts reading only after a delay (the heartbeat), so quick answers, which have nothing to
 * cancel, keep their connection alive; slow ones cost the client a new connection, small beside their run time.
 * A client that half-closes its side after sending the request is taken as gone: HTTP/1.1 clients do not do that
 * while they wait for an answer.
 */
final class DisconnectWatch {
    /** What the handler must do once its work ended. */
    enum Outcome {
        /** Nothing was read, or the client sent more: answer as usual and keep the connection. */
        KEEP_CONNECTION,
        /** A read is still outstanding: answer with {@code Connection: close} and close the connection after it. */
        READ_PENDING,
        /** The client left and its work was cancelled: there is no one to answer. */
        CLIENT_GONE
    }

    private enum State { ARMED, READING, SAW_DATA, GONE, FINISHED, ABANDONED }

    private static final DisconnectWatch NONE = new DisconnectWatch();

    private final AtomicReference<State> state = new AtomicReference<>(State.ARMED);
    private final Thread watcher;

    private DisconnectWatch() {
        state.set(State.FINISHED);
        watcher = null;
    }

    private DisconnectWatch(DataReader connection, CancellationSignal cancel, Duration delay, Metrics metrics) {
        watcher = Thread.ofVirtual().name("client-disconnect-watch").start(() -> watch(connection, cancel, delay, metrics));
    }

    /**
     * Watches the connection of {@code request} once {@code delay} has passed. Without a known connection (in-process
     * routing) or with request bytes still unread, there is nothing safe to watch and the request runs to its end.
     */
    static DisconnectWatch start(ServerRequest request, CancellationSignal cancel, Duration delay, Metrics metrics) {
        if (!request.content().consumed()) {
            return NONE;
        }
        return ConnectionCapture.of(request)
                .map(connection -> new DisconnectWatch(connection.dataReader(), cancel, delay, metrics))
                .orElse(NONE);
    }

    /** Ends the watch when the work ended; says how the handler must answer. */
    Outcome finish() {
        while (true) {
            State now = state.get();
            switch (now) {
                case ARMED -> {
                    if (state.compareAndSet(State.ARMED, State.FINISHED)) {
                        watcher.interrupt();
                        return Outcome.KEEP_CONNECTION;
                    }
                }
                case READING -> {
                    if (state.compareAndSet(State.READING, State.ABANDONED)) {
                        return Outcome.READ_PENDING;
                    }
                }
                // The watcher's buffered bytes were published by its state change, before this read of the state.
                case SAW_DATA, FINISHED -> {
                    return Outcome.KEEP_CONNECTION;
                }
                case GONE -> {
                    return Outcome.CLIENT_GONE;
                }
                case ABANDONED -> {
                    return Outcome.READ_PENDING;
                }
            }
        }
    }

    private void watch(DataReader connection, CancellationSignal cancel, Duration delay, Metrics metrics) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException finishedEarly) {
            return;
        }
        if (!state.compareAndSet(State.ARMED, State.READING)) {
            return;
        }
        try {
            // Returns at once when bytes are already buffered; otherwise blocks until the client sends or leaves.
            connection.ensureAvailable();
            state.compareAndSet(State.READING, State.SAW_DATA);
        } catch (RuntimeException endOfStreamOrReset) {
            // End of stream (InsufficientDataAvailableException) or a failed read (ServerConnectionException). After
            // the handler abandoned the read, this is the connection being closed under it: nothing to report.
            if (state.compareAndSet(State.READING, State.GONE)) {
                metrics.clientGone();
                cancel.cancel("the client disconnected");
            }
        }
    }
}
