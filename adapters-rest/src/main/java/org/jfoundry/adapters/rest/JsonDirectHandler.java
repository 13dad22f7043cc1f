package org.jfoundry.adapters.rest;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderValues;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import java.nio.charset.StandardCharsets;

/**
 * Answers the failures Helidon handles before routing (a malformed request line, headers too large, a declared body
 * over the limit) in the same OpenAI error JSON as everything else.
 */
final class JsonDirectHandler implements DirectHandler {
    private final long maxRequestBodyBytes;

    private JsonDirectHandler(long maxRequestBodyBytes) {
        this.maxRequestBodyBytes = maxRequestBodyBytes;
    }

    static DirectHandlers forAllEvents(long maxRequestBodyBytes) {
        DirectHandlers.Builder handlers = DirectHandlers.builder();
        JsonDirectHandler handler = new JsonDirectHandler(maxRequestBodyBytes);
        for (EventType type : EventType.values()) {
            handlers.addHandler(type, handler);
        }
        return handlers.build();
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
                                    ServerResponseHeaders responseHeaders, String message) {
        ApiError error = status.code() == 413
                ? ErrorMapper.map(HttpFailure.bodyTooLarge(maxRequestBodyBytes))
                : new ApiError(status.code(), status.code() >= 500 ? "server_error" : "invalid_request_error", null, null,
                        message == null || message.isBlank() ? status.reasonPhrase() : message, 0);
        responseHeaders.set(HeaderValues.CONTENT_TYPE_JSON);
        return TransportResponse.builder()
                .status(status)
                .headers(responseHeaders)
                .keepAlive(eventType.keepAlive())
                .entity(Json.write(error.toJson()).getBytes(StandardCharsets.UTF_8))
                .build();
    }
}
