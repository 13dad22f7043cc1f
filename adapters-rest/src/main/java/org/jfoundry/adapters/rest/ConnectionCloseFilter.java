package org.jfoundry.adapters.rest;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.Locale;

/**
 * Closes the connection once a request that asked for it ({@code Connection: close}) is answered. Helidon 4.5 sends
 * {@code Connection: close} back but keeps the socket open for another request (helidon-io/helidon#12324, fixed after
 * 4.5.3); a client that waits for the end of the stream then hangs, and the server holds one more idle socket. Drop this
 * filter once Helidon closes by itself.
 */
final class ConnectionCloseFilter implements Filter {
    private final ErrorMapper errors;

    ConnectionCloseFilter(ErrorMapper errors) {
        this.errors = errors;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (!asksToClose(req)) {
            chain.proceed();
            return;
        }
        try {
            chain.proceed();
        } catch (CloseConnectionException | java.io.UncheckedIOException closingAnyway) {
            throw closingAnyway;
        } catch (RuntimeException failure) {
            // Error handling runs outside the filters, too late to close after it; so it is answered here.
            if (res.isSent()) {
                throw failure;
            }
            errors.handle(req, res, failure);
        }
        if (res.isSent()) {
            throw new CloseConnectionException("answered a request that asked for Connection: close");
        }
    }

    private static boolean asksToClose(RoutingRequest req) {
        return req.headers().first(HeaderNames.CONNECTION)
                .map(v -> v.toLowerCase(Locale.ROOT).contains("close")).orElse(false);
    }
}
