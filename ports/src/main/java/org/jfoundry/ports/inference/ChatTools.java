package org.jfoundry.ports.inference;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jfoundry.ports.failure.InvalidRequestException;

/**
 * The tools a chat request offers, how the model may use them, and whether it may call several at once. The engine
 * renders them into the prompt (through the model's chat template when it takes {@code tools}); a forced choice
 * (required or a named function) constrains the output to one call of a tool that may be called.
 */
public record ChatTools(List<ToolDefinition> definitions, ToolChoice choice, boolean parallelCalls) {
    public static final ChatTools NONE = new ChatTools(List.of(), ToolChoice.NONE, true);

    public ChatTools {
        definitions = definitions == null ? List.of() : List.copyOf(definitions);
        choice = Objects.requireNonNullElse(choice, definitions.isEmpty() ? ToolChoice.NONE : ToolChoice.AUTO);
        Set<String> names = new LinkedHashSet<>();
        for (ToolDefinition tool : definitions) {
            if (!names.add(tool.name())) {
                throw new InvalidRequestException("tools names '" + tool.name() + "' twice", "tools");
            }
        }
        if (definitions.isEmpty() && (choice instanceof ToolChoice.Required || choice instanceof ToolChoice.Function)) {
            throw new InvalidRequestException("tool_choice asks for a tool call but tools is empty", "tool_choice");
        }
        if (choice instanceof ToolChoice.Function(String name) && !names.contains(name)) {
            throw new InvalidRequestException("tool_choice names '" + name + "', which tools does not define",
                    "tool_choice");
        }
    }

    /** Whether the model may call tools at all (and its answer is read for calls). */
    public boolean active() {
        return !(choice instanceof ToolChoice.None) && !definitions.isEmpty();
    }

    /** Whether the output must be one call (tool_choice required or a named function). */
    public boolean forced() {
        return choice instanceof ToolChoice.Required || choice instanceof ToolChoice.Function;
    }

    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        definitions.forEach(tool -> names.add(tool.name()));
        return names;
    }

    /** The tools a forced call may call: the named one, or all of them. */
    public List<ToolDefinition> callable() {
        if (choice instanceof ToolChoice.Function(String name)) {
            return definitions.stream().filter(tool -> tool.name().equals(name)).toList();
        }
        return definitions;
    }
}
