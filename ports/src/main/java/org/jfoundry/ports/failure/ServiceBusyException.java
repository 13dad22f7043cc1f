package org.jfoundry.ports.failure;

import java.time.Duration;

/** A model's request queue is full; the caller may retry after {@link #retryAfter()}. */
public final class ServiceBusyException extends FoundryException {
    private final Duration retryAfter;

    public ServiceBusyException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
