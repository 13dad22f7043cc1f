package org.jfoundry.ports.inference;

import java.util.Objects;
import org.jfoundry.ports.failure.InvalidRequestException;

/**
 * A call an assistant made (OpenAI's {@code tool_calls[]} entry of type function).
 *
 * @param id            the call's id, which the tool message answering it repeats; empty when none was given
 * @param argumentsJson the arguments as JSON text, as the model wrote them
 */
public record ToolCall(String id, String name, String argumentsJson) {
    public ToolCall {
        id = id == null ? "" : id;
        if (name == null || name.isBlank()) {
            throw new InvalidRequestException("a tool call's function.name must be a non-empty string",
                    "messages.tool_calls");
        }
        Objects.requireNonNull(argumentsJson, "argumentsJson");
    }
}
