package org.jfoundry.ports.failure;

/** An operation that needs the model idle or unloaded (removal, a plain unload) met a loaded or busy model. */
public final class ModelInUseException extends FoundryException {
    public ModelInUseException(String message) {
        super(message);
    }
}
