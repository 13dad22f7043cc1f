package org.jfoundry.adapters.cli.client;

/**
 * The service answered with an error status; the message is the service's own error message.
 *
 * @see #status()
 */
public final class ServiceError extends RuntimeException {
    private final int status;

    public ServiceError(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status, or 0 when the service broke the protocol (a download that did not say how it ended). */
    public int status() {
        return status;
    }
}
