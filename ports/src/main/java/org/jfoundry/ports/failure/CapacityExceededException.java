package org.jfoundry.ports.failure;

/** A load would exceed the model-count or memory budget and nothing idle could be evicted. */
public final class CapacityExceededException extends FoundryException {
    public CapacityExceededException(String message) {
        super(message);
    }
}
