package org.jfoundry.ports.inference;

import java.util.Objects;
import java.util.regex.Pattern;
import org.jfoundry.ports.failure.InvalidRequestException;

/**
 * A function the model may call (OpenAI's {@code tools[].function}).
 *
 * @param parametersJson the JSON schema of the arguments as sent, for chat templates and for GenAI's guidance
 * @param parameters     the same schema, parsed (so a schema outside the enforced subset never reaches an engine)
 * @param strict         whether the client asked for strict arguments; forced calls always adhere here
 */
public record ToolDefinition(String name, String description, String parametersJson, JsonSchema parameters,
                             boolean strict) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public ToolDefinition {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidRequestException("a tool's function.name must be 1 to 64 letters, digits, underscores or"
                    + " dashes, got " + (name == null ? "none" : "'" + name + "'"), "tools");
        }
        description = description == null ? "" : description;
        Objects.requireNonNull(parametersJson, "parametersJson");
        Objects.requireNonNull(parameters, "parameters");
    }
}
