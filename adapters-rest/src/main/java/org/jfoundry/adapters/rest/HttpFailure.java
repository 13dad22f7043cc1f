package org.jfoundry.adapters.rest;

/**
 * A failure that belongs to HTTP rather than to the use cases (a missing API key, a body too large, an unknown route).
 * Use-case failures stay {@link org.jfoundry.ports.failure.FoundryException}s and are mapped by {@link ErrorMapper}.
 */
final class HttpFailure extends RuntimeException {
    private final int status;
    private final String type;
    private final String code;
    private final String param;

    HttpFailure(int status, String type, String code, String param, String message) {
        super(message);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
    }

    static HttpFailure unauthorized() {
        return new HttpFailure(401, "invalid_request_error", "invalid_api_key", null,
                "Missing or invalid API key; send it as 'Authorization: Bearer <key>'");
    }

    static HttpFailure forbiddenHost(String host) {
        return new HttpFailure(403, "invalid_request_error", "host_not_allowed", null,
                "Host '" + host + "' is not allowed; add it to the service's allowed hosts to reach it by that name");
    }

    static HttpFailure forbiddenOrigin(String origin) {
        return new HttpFailure(403, "invalid_request_error", "origin_not_allowed", null,
                "Requests from '" + origin + "' are not allowed; add the origin to the service's CORS origins to allow it");
    }

    static HttpFailure unsupportedMediaType(String contentType) {
        return new HttpFailure(415, "invalid_request_error", "unsupported_media_type", null,
                "Content-Type '" + contentType + "' is not accepted here; send the body as application/json");
    }

    static HttpFailure bodyTooLarge(long limit) {
        return new HttpFailure(413, "invalid_request_error", "request_too_large", null,
                "The request body is larger than the limit of " + limit + " bytes");
    }

    static HttpFailure badJson(String message) {
        return new HttpFailure(400, "invalid_request_error", "invalid_json", null, message);
    }

    static HttpFailure badRequest(String message) {
        return new HttpFailure(400, "invalid_request_error", null, null, message);
    }

    static HttpFailure badBody(String detail) {
        return new HttpFailure(400, "invalid_request_error", "invalid_body", null,
                "The request body could not be read" + (detail == null || detail.isBlank() ? "" : ": " + detail));
    }

    static HttpFailure routeNotFound(String method, String path) {
        return new HttpFailure(404, "not_found_error", "unknown_url", null,
                "Unknown request URL: " + method + " " + path);
    }

    static HttpFailure methodNotAllowed(String method, String path, String allowed) {
        return new HttpFailure(405, "invalid_request_error", "method_not_allowed", null,
                "Method " + method + " is not allowed on " + path + "; use " + allowed);
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }

    String code() {
        return code;
    }

    String param() {
        return param;
    }
}
