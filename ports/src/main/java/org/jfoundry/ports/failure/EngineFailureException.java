package org.jfoundry.ports.failure;

/** The inference engine failed (a native error, a broken model folder). */
public final class EngineFailureException extends FoundryException {
    public EngineFailureException(String message) {
        super(message);
    }

    public EngineFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
