package org.jfoundry.ports.inference;

import java.util.Locale;

/** Why generation ended. */
public enum FinishReason {
    /** An end-of-sequence token or a stop string. */
    STOP,
    /** max_tokens or the context length was reached. */
    LENGTH,
    TOOL_CALLS,
    /** The caller cancelled; never sent to a client that is still listening. */
    CANCELLED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
