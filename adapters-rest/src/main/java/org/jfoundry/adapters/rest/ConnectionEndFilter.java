package org.jfoundry.adapters.rest;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * Ends the connection after an answer when keeping it would be wrong:
 * <ul>
 *   <li>the request asked for it ({@code Connection: close}): Helidon 4.5 sends {@code Connection: close} back but
 *       keeps the socket open for another request (helidon-io/helidon#12324, fixed after 4.5.3), so a client waiting for
 *       the end of the stream hangs;</li>
 *   <li>a request was refused before its body was read to the end: the body may be only partly read (too deeply nested JSON, a bad chunk), and
 *       what is left must never be parsed as a further request (request desync, smuggling).</li>
 * </ul>
 * Failures of such requests are answered here, as Helidon's error handling runs outside the filters, too late to close.
 */
final class ConnectionEndFilter implements Filter {
    private final ErrorMapper errors;

    ConnectionEndFilter(ErrorMapper errors) {
        this.errors = errors;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        boolean hasBody = req.content().hasEntity();
        if (!asksToClose(req) && !hasBody) {
            chain.proceed();
            return;
        }
        try {
            chain.proceed();
        } catch (CloseConnectionException | UncheckedIOException closingAnyway) {
            throw closingAnyway;
        } catch (RuntimeException failure) {
            if (res.isSent() || !asksToClose(req) && bodyWasRead(req)) {
                throw failure;
            }
            res.header(HeaderValues.CONNECTION_CLOSE);
            errors.handle(req, res, failure);
            throw new CloseConnectionException("answered a failed request whose body may be unread");
        }
        if (res.isSent() && (asksToClose(req) || res.status().code() >= 400 && !bodyWasRead(req))) {
            throw new CloseConnectionException("answered a request that ends its connection");
        }
    }

    private static boolean bodyWasRead(RoutingRequest req) {
        return !req.content().hasEntity() || req.content().consumed();
    }

    private static boolean asksToClose(RoutingRequest req) {
        return req.headers().first(HeaderNames.CONNECTION)
                .map(v -> v.toLowerCase(Locale.ROOT).contains("close")).orElse(false);
    }
}
