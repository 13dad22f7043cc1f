package org.jfoundry.ports.failure;

/** A request that cannot be served as asked; {@link #param()} names the offending parameter when there is one. */
public final class InvalidRequestException extends FoundryException {
    private final String param;

    public InvalidRequestException(String message, String param) {
        super(message);
        this.param = param;
    }

    public InvalidRequestException(String message) {
        this(message, null);
    }

    public String param() {
        return param;
    }
}
