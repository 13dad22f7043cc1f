package org.jfoundry.adapters.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.function.Function;
import org.jfoundry.ports.inference.CancellationSignal;

/**
 * Answers a non-streamed request with one JSON document, cancelling the work when the client leaves before it is
 * done (see {@link DisconnectWatch}). Failures get the central error mapping, as from any other handler.
 */
final class WholeAnswer {
    private WholeAnswer() {
    }

    /** Runs {@code work} with a signal that a departing client trips, then sends what it returned or its failure. */
    static void send(ApiContext ctx, ServerRequest req, ServerResponse res, Function<CancellationSignal, JsonNode> work) {
        send(ctx, req, res, work, Json::send);
    }

    /** The same for answers that are not JSON: {@code writer} writes what {@code work} returned. */
    static <T> void send(ApiContext ctx, ServerRequest req, ServerResponse res, Function<CancellationSignal, T> work,
                         java.util.function.BiConsumer<ServerResponse, T> writer) {
        CancellationSignal cancel = new CancellationSignal();
        DisconnectWatch watch = DisconnectWatch.start(req, cancel, ctx.settings().heartbeat(), ctx.metrics());
        T answer = null;
        Throwable failure = null;
        try {
            answer = work.apply(cancel);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        switch (watch.finish()) {
            case KEEP_CONNECTION -> {
                if (failure != null) {
                    throw rethrown(failure);
                }
                writer.accept(res, answer);
            }
            case READ_PENDING -> {
                res.header(HeaderValues.CONNECTION_CLOSE);
                if (failure != null) {
                    ctx.errors().handle(req, res, failure);
                } else {
                    writer.accept(res, answer);
                }
                // Helidon closes the connection on this exception, after the answer already written (logged at TRACE).
                throw new CloseConnectionException("answered; a read watching for the client's departure is outstanding");
            }
            // The watch cancelled the work and counted the hang-up; the connection is dead, so nothing is written.
            case CLIENT_GONE -> throw new CloseConnectionException("the client disconnected before its answer was ready");
        }
    }

    /** Hands the failure on unchanged to Helidon's error handling (ErrorMapper). */
    private static RuntimeException rethrown(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        return (RuntimeException) failure;
    }
}
