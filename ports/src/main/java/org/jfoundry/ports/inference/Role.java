package org.jfoundry.ports.inference;

import java.util.Locale;
import org.jfoundry.ports.failure.InvalidRequestException;

/** Who wrote a chat message. */
public enum Role {
    SYSTEM, USER, ASSISTANT, TOOL;

    /** The lower-case name used in JSON and chat templates. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String text) {
        if (text != null) {
            switch (text) {
                case "system", "developer" -> {
                    return SYSTEM;
                }
                case "user" -> {
                    return USER;
                }
                case "assistant" -> {
                    return ASSISTANT;
                }
                case "tool" -> {
                    return TOOL;
                }
                default -> {
                }
            }
        }
        throw new InvalidRequestException("unknown message role '" + text + "'; use system, user, assistant or tool",
                "messages.role");
    }
}
