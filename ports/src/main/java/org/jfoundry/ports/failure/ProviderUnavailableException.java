package org.jfoundry.ports.failure;

import java.util.Collection;

/** An execution provider was asked for that this machine or build cannot use; the message lists what can. */
public final class ProviderUnavailableException extends FoundryException {
    public ProviderUnavailableException(String message) {
        super(message);
    }

    public ProviderUnavailableException(String wanted, Collection<String> available) {
        super("Execution provider '" + wanted + "' is not available here; available: " + available);
    }
}
