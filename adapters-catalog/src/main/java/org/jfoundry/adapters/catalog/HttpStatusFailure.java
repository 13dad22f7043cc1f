package org.jfoundry.adapters.catalog;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;

/** A server answered with a status we did not want; {@link #retryable()} says whether asking again may help. */
final class HttpStatusFailure extends IOException {
    private final int status;
    private final URI uri;
    private final Duration retryAfter;

    HttpStatusFailure(URI uri, int status, String detail, HttpHeaders headers) {
        super("HTTP " + status + " from " + Redaction.redact(uri) + (detail == null || detail.isBlank() ? "" : ": " + detail));
        this.status = status;
        this.uri = uri;
        this.retryAfter = retryAfter(headers);
    }

    /** A throttling server's {@code Retry-After} in seconds; zero when it gave none (or gave a date). */
    Duration retryAfter() {
        return retryAfter;
    }

    private static Duration retryAfter(HttpHeaders headers) {
        String value = headers == null ? null : headers.firstValue("Retry-After").orElse(null);
        if (value != null && value.trim().matches("\\d{1,6}")) {
            return Duration.ofSeconds(Long.parseLong(value.trim()));
        }
        return Duration.ZERO;
    }

    int status() {
        return status;
    }

    URI uri() {
        return uri;
    }

    boolean notFound() {
        return status == 404 || status == 410;
    }

    /** Timeouts, throttling and server errors pass; everything else is the request's fault. */
    boolean retryable() {
        return status == 408 || status == 429 || status >= 500;
    }
}
