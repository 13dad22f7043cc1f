package org.jfoundry.ports.failure;

/** Work ended early because its caller went away or the model was unloaded by force. */
public final class CancelledException extends FoundryException {
    public CancelledException(String message) {
        super(message);
    }
}
