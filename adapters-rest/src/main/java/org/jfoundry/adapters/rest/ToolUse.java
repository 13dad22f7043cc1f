package org.jfoundry.adapters.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.inference.ChatMessage;
import org.jfoundry.ports.inference.JsonSchema;
import org.jfoundry.ports.inference.ResponseFormat;
import org.jfoundry.ports.inference.Role;

/**
 * A chat request's {@code tools}, {@code tool_choice} and {@code parallel_tool_calls}. Tools reach the model as a
 * system message in the Hermes format that Qwen, SmolLM and Hermes models are trained on (the documented fallback
 * for every chat template); {@code required} and a named function constrain the output to one call whose arguments
 * validate against the function's parameters, on any model; {@code auto} lets the model write its own tool-call
 * syntax, which {@link ToolCallSyntax} reads back.
 */
record ToolUse(List<Tool> tools, Choice choice, String named, boolean parallel) {

    static final ToolUse NONE = new ToolUse(List.of(), Choice.NONE, null, true);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    enum Choice { NONE, AUTO, REQUIRED, NAMED }

    /** @param parameters the JSON schema of the arguments, as sent */
    record Tool(String name, String description, ObjectNode parameters, JsonSchema schema, boolean strict) {
    }

    static ToolUse read(BodyReader body) {
        JsonNode list = body.node("tools");
        if (list == null || list.isArray() && list.isEmpty()) {
            JsonNode choice = body.node("tool_choice");
            if (choice != null && !(choice.isTextual() && Set.of("none", "auto").contains(choice.textValue()))) {
                throw new InvalidRequestException("tool_choice asks for a tool call but tools is empty", "tool_choice");
            }
            return NONE;
        }
        if (!list.isArray()) {
            throw new InvalidRequestException("tools must be an array", "tools");
        }
        List<Tool> tools = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            Tool tool = tool(list.get(i), "tools[" + i + "]");
            if (!names.add(tool.name())) {
                throw new InvalidRequestException("tools names '" + tool.name() + "' twice", "tools[" + i + "]");
            }
            tools.add(tool);
        }
        boolean parallel = body.bool("parallel_tool_calls", true);
        JsonNode choice = body.node("tool_choice");
        if (choice == null || choice.isTextual()) {
            String text = choice == null ? "auto" : choice.textValue();
            return switch (text) {
                case "none" -> new ToolUse(tools, Choice.NONE, null, parallel);
                case "auto" -> new ToolUse(tools, Choice.AUTO, null, parallel);
                case "required" -> new ToolUse(tools, Choice.REQUIRED, null, parallel);
                default -> throw new InvalidRequestException("tool_choice must be none, auto, required or"
                        + " {\"type\":\"function\",\"function\":{\"name\":...}}, got '" + text + "'", "tool_choice");
            };
        }
        JsonNode name = choice.path("function").path("name");
        if (!"function".equals(choice.path("type").asText()) || !name.isTextual()) {
            throw new InvalidRequestException("tool_choice must name a function as"
                    + " {\"type\":\"function\",\"function\":{\"name\":...}}", "tool_choice");
        }
        if (!names.contains(name.textValue())) {
            throw new InvalidRequestException("tool_choice names '" + name.textValue() + "', which tools does not"
                    + " define", "tool_choice");
        }
        return new ToolUse(tools, Choice.NAMED, name.textValue(), parallel);
    }

    private static Tool tool(JsonNode node, String where) {
        if (!"function".equals(node.path("type").asText())) {
            throw new InvalidRequestException(where + ".type must be function", where + ".type");
        }
        JsonNode function = node.path("function");
        JsonNode name = function.path("name");
        if (!name.isTextual() || !NAME.matcher(name.textValue()).matches()) {
            throw new InvalidRequestException(where + ".function.name must be 1 to 64 letters, digits, underscores or"
                    + " dashes", where + ".function.name");
        }
        JsonNode parameters = function.get("parameters");
        ObjectNode schema;
        if (parameters == null || parameters.isNull()) {
            schema = Json.object();
            schema.put("type", "object");
            schema.putObject("properties");
        } else if (parameters.isObject()) {
            schema = (ObjectNode) parameters;
        } else {
            throw new InvalidRequestException(where + ".function.parameters must be a JSON schema object",
                    where + ".function.parameters");
        }
        Map<String, Object> tree = Json.MAPPER.convertValue(schema, new TypeReference<>() { });
        JsonSchema parsed = JsonSchema.parse(tree, where + ".function.parameters");
        return new Tool(name.textValue(), function.path("description").asText(""), schema, parsed,
                function.path("strict").asBoolean(false));
    }

    /** The model must call a tool: the output is then the call as JSON, constrained by {@link #callFormat}. */
    boolean forced() {
        return choice == Choice.REQUIRED || choice == Choice.NAMED;
    }

    /** Whether the model may call tools at all (and the answer is read for calls). */
    boolean active() {
        return choice != Choice.NONE && !tools.isEmpty();
    }

    Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        tools.forEach(tool -> names.add(tool.name()));
        return names;
    }

    /**
     * The schema of one call, {@code {"name": <a tool's name>, "arguments": <its parameters>}}, one option per tool
     * that may be called. Definitions of a single tool move to the root so its references still resolve.
     */
    ResponseFormat callFormat() {
        List<Tool> callable = choice == Choice.NAMED
                ? tools.stream().filter(tool -> tool.name().equals(named)).toList() : tools;
        ObjectNode root = Json.object();
        ArrayNode options = Json.array();
        for (Tool tool : callable) {
            ObjectNode parameters = tool.parameters().deepCopy();
            for (String definitions : List.of("$defs", "definitions")) {
                if (parameters.has(definitions)) {
                    if (callable.size() > 1) {
                        throw new InvalidRequestException("tools[].function.parameters with " + definitions
                                + " can be required only one at a time: name the function in tool_choice", "tools");
                    }
                    root.set(definitions, parameters.remove(definitions));
                }
            }
            ObjectNode option = options.addObject();
            option.put("type", "object");
            ObjectNode properties = option.putObject("properties");
            properties.putObject("name").put("const", tool.name());
            properties.set("arguments", parameters);
            option.putArray("required").add("name").add("arguments");
            option.put("additionalProperties", false);
        }
        if (options.size() == 1) {
            root.setAll((ObjectNode) options.get(0));
        } else {
            root.set("anyOf", options);
        }
        Map<String, Object> tree = Json.MAPPER.convertValue(root, new TypeReference<>() { });
        return new ResponseFormat.JsonSchemaFormat("tool_call", Json.write(root), JsonSchema.parse(tree, "tools"),
                true);
    }

    /** The conversation as the model sees it: the tools described in the system message (see the class comment). */
    List<ChatMessage> render(List<ChatMessage> messages) {
        if (!active()) {
            return messages;
        }
        StringBuilder text = new StringBuilder("# Tools\n\nYou may call one or more functions. Their signatures,"
                + " within <tools></tools> XML tags:\n<tools>");
        for (Tool tool : tools) {
            ObjectNode entry = Json.object();
            entry.put("type", "function");
            ObjectNode function = entry.putObject("function");
            function.put("name", tool.name());
            function.put("description", tool.description());
            function.set("parameters", tool.parameters());
            text.append('\n').append(Json.write(entry));
        }
        text.append("\n</tools>\n\nFor each call, return a json object with function name and arguments within"
                + " <tool_call></tool_call> XML tags:\n<tool_call>\n{\"name\": <function-name>, \"arguments\":"
                + " <args-json-object>}\n</tool_call>");
        List<ChatMessage> rendered = new ArrayList<>(messages);
        if (!rendered.isEmpty() && rendered.getFirst().role() == Role.SYSTEM) {
            rendered.set(0, ChatMessage.system(rendered.getFirst().content() + "\n\n" + text));
        } else {
            rendered.addFirst(ChatMessage.system(text.toString()));
        }
        return rendered;
    }

    /** An assistant message's tool calls as the model writes them, after its text. */
    static String callsAsText(String content, JsonNode toolCalls, String where) {
        StringBuilder text = new StringBuilder(content);
        for (int i = 0; i < toolCalls.size(); i++) {
            JsonNode function = toolCalls.get(i).path("function");
            if (!function.path("name").isTextual()) {
                throw new InvalidRequestException(where + "[" + i + "].function.name must be a string",
                        where + "[" + i + "].function.name");
            }
            JsonNode arguments = function.path("arguments");
            JsonNode parsedArguments;
            try {
                parsedArguments = arguments.isTextual() ? Json.MAPPER.readTree(arguments.textValue()) : arguments;
            } catch (java.io.IOException e) {
                throw new InvalidRequestException(where + "[" + i + "].function.arguments must be JSON text",
                        where + "[" + i + "].function.arguments");
            }
            ObjectNode call = Json.object();
            call.put("name", function.path("name").textValue());
            call.set("arguments", parsedArguments);
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append("<tool_call>\n").append(Json.write(call)).append("\n</tool_call>");
        }
        return text.toString();
    }
}
