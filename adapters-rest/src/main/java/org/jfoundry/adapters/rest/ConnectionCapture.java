package org.jfoundry.adapters.rest;

import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.util.Optional;

/**
 * Hands a handler the HTTP/1.1 connection its request came on, which Helidon's {@link ServerRequest} does not expose.
 *
 * <p>Helidon reads a request's prologue and routes it on the connection's own (virtual) thread, so the receive
 * listener's prologue callback and the handler share a thread: the connection is kept in a thread local there. The
 * handler only takes it when the prologue is the very object its request carries, so a stale value from an earlier
 * request, or a handler running elsewhere (in-process routing tests), gets nothing rather than a wrong connection.
 */
final class ConnectionCapture implements Http1ConnectionListener {
    private static final ConnectionCapture INSTANCE = new ConnectionCapture();
    /** Helidon's name (and type) of its HTTP/1.1 protocol configuration. */
    private static final String HTTP_1_1 = "http_1_1";

    private record Seen(ConnectionContext connection, HttpPrologue prologue) {
    }

    private static final ThreadLocal<Seen> CURRENT = new ThreadLocal<>();

    private ConnectionCapture() {
    }

    /**
     * Helidon's HTTP/1.1 settings with this listener added. The name must be the protocol's own: under any other
     * name Helidon also keeps its discovered default HTTP/1.1 configuration, and two HTTP/1.1 selectors change how
     * a malformed request line is answered (the connection is dropped instead of a 400).
     */
    static Http1Config http1Protocol() {
        // The only receive listener: Helidon 4.5.0 combines several into one that forwards nothing, so its own
        // TRACE/DEBUG receive logging (used when no listener is given) has to go.
        return Http1Config.builder().name(HTTP_1_1).addReceiveListener(INSTANCE).build();
    }

    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
        CURRENT.set(new Seen(ctx, prologue));
    }

    /** The connection that carried this request, when it is known on this thread; asks once per request. */
    static Optional<ConnectionContext> of(ServerRequest request) {
        Seen seen = CURRENT.get();
        CURRENT.remove();
        return seen != null && seen.prologue() == request.prologue() ? Optional.of(seen.connection()) : Optional.empty();
    }
}
