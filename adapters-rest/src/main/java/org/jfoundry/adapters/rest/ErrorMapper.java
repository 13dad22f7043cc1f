package org.jfoundry.adapters.rest;

import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.http.ErrorHandler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import org.jfoundry.ports.failure.CancelledException;
import org.jfoundry.ports.failure.CapacityExceededException;
import org.jfoundry.ports.failure.DownloadFailedException;
import org.jfoundry.ports.failure.EngineFailureException;
import org.jfoundry.ports.failure.FoundryException;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.failure.ModelInUseException;
import org.jfoundry.ports.failure.ModelNotCachedException;
import org.jfoundry.ports.failure.ModelNotFoundException;
import org.jfoundry.ports.failure.ProviderUnavailableException;
import org.jfoundry.ports.failure.ServiceBusyException;

/**
 * The one place where failures become HTTP statuses and OpenAI error bodies, for whole responses (as Helidon's error
 * handler) and for streams that already started (as a final error event).
 */
final class ErrorMapper implements ErrorHandler<Throwable> {
    private static final System.Logger LOG = System.getLogger(ErrorMapper.class.getName());
    /** A load that found no room may succeed once running requests finish and their models become evictable. */
    static final long CAPACITY_RETRY_AFTER_SECONDS = 5;

    private final Metrics metrics;

    ErrorMapper(Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res, Throwable failure) {
        send(res, map(failure));
    }

    void send(ServerResponse res, ApiError error) {
        metrics.error(error);
        res.status(Status.create(error.status()));
        if (error.retryAfterSeconds() > 0) {
            res.header(HeaderNames.RETRY_AFTER, Long.toString(error.retryAfterSeconds()));
        }
        Json.send(res, error.toJson());
    }

    static ApiError map(Throwable failure) {
        return switch (failure) {
            case FoundryException f -> mapFoundry(f);
            case HttpFailure h -> new ApiError(h.status(), h.type(), h.code(), h.param(), h.getMessage(), 0);
            case HttpException h -> new ApiError(h.status().code(), h.status().code() >= 500 ? "server_error"
                    : "invalid_request_error", null, null, h.getMessage(), 0);
            default -> {
                // The message of an unexpected failure may leak internals; it goes to the log, not the client.
                LOG.log(System.Logger.Level.ERROR, "Unexpected failure while serving a request", failure);
                yield new ApiError(500, "server_error", "internal_error", null,
                        "Internal server error (" + failure.getClass().getSimpleName() + "); see the service log", 0);
            }
        };
    }

    private static ApiError mapFoundry(FoundryException failure) {
        String message = failure.getMessage();
        return switch (failure) {
            case ModelNotCachedException e -> new ApiError(400, "invalid_request_error", "model_not_cached", "model", message, 0);
            case ModelNotFoundException e -> new ApiError(404, "not_found_error", "model_not_found", "model", message, 0);
            case InvalidRequestException e -> new ApiError(400, "invalid_request_error", null, e.param(), message, 0);
            case ProviderUnavailableException e -> new ApiError(400, "invalid_request_error", "provider_unavailable", "ep", message, 0);
            case ModelInUseException e -> new ApiError(409, "invalid_request_error", "model_in_use", null, message, 0);
            case ServiceBusyException e -> new ApiError(503, "server_error", "service_busy", null, message,
                    retryAfterSeconds(e.retryAfter()));
            case CapacityExceededException e -> new ApiError(503, "server_error", "capacity_exceeded", null, message,
                    CAPACITY_RETRY_AFTER_SECONDS);
            case CancelledException e -> new ApiError(500, "server_error", "cancelled", null,
                    "The request was cancelled: " + message, 0);
            case EngineFailureException e -> new ApiError(500, "server_error", "engine_failure", null, message, 0);
            case DownloadFailedException e -> new ApiError(500, "server_error", "download_failed", null, message, 0);
        };
    }

    private static long retryAfterSeconds(Duration retryAfter) {
        if (retryAfter == null) {
            return 1;
        }
        // Retry-After counts whole seconds; rounding up never invites a retry that is sure to fail.
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
