package org.jfoundry.adapters.cli.client;

/** The service did not answer at all (connection refused, timed out). */
public final class ServiceUnreachable extends RuntimeException {
    public ServiceUnreachable(String message, Throwable cause) {
        super(message, cause);
    }
}
