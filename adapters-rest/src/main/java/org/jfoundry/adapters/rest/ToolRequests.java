package org.jfoundry.adapters.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.inference.ChatTools;
import org.jfoundry.ports.inference.JsonSchema;
import org.jfoundry.ports.inference.ToolCall;
import org.jfoundry.ports.inference.ToolChoice;
import org.jfoundry.ports.inference.ToolDefinition;

/**
 * Reads a chat request's {@code tools}, {@code tool_choice} and {@code parallel_tool_calls} into the port's
 * {@link ChatTools}, and an assistant message's {@code tool_calls} into {@link ToolCall}s, naming the offending field
 * of a malformed one. How tools reach the model is the engine's business; reading calls back is {@link ToolCallSyntax}.
 */
final class ToolRequests {

    private ToolRequests() {
    }

    static ChatTools read(BodyReader body) {
        JsonNode list = body.node("tools");
        if (list != null && !list.isArray()) {
            throw new InvalidRequestException("tools must be an array", "tools");
        }
        List<ToolDefinition> tools = new ArrayList<>();
        for (int i = 0; list != null && i < list.size(); i++) {
            tools.add(tool(list.get(i), "tools[" + i + "]"));
        }
        return new ChatTools(tools, choice(body.node("tool_choice"), tools.isEmpty()),
                body.bool("parallel_tool_calls", true));
    }

    private static ToolChoice choice(JsonNode choice, boolean noTools) {
        if (choice == null) {
            return noTools ? ToolChoice.NONE : ToolChoice.AUTO;
        }
        if (choice.isTextual()) {
            return switch (choice.textValue()) {
                case "none" -> ToolChoice.NONE;
                case "auto" -> noTools ? ToolChoice.NONE : ToolChoice.AUTO;
                case "required" -> ToolChoice.REQUIRED;
                default -> throw new InvalidRequestException("tool_choice must be none, auto, required or"
                        + " {\"type\":\"function\",\"function\":{\"name\":...}}, got '" + choice.textValue() + "'",
                        "tool_choice");
            };
        }
        JsonNode name = choice.path("function").path("name");
        if (!"function".equals(choice.path("type").asText()) || !name.isTextual()) {
            throw new InvalidRequestException("tool_choice must name a function as"
                    + " {\"type\":\"function\",\"function\":{\"name\":...}}", "tool_choice");
        }
        return new ToolChoice.Function(name.textValue());
    }

    private static ToolDefinition tool(JsonNode node, String where) {
        if (!"function".equals(node.path("type").asText())) {
            throw new InvalidRequestException(where + ".type must be function", where + ".type");
        }
        JsonNode function = node.path("function");
        JsonNode name = function.path("name");
        JsonNode parameters = function.get("parameters");
        String schema;
        if (parameters == null || parameters.isNull()) {
            schema = "{\"type\":\"object\",\"properties\":{}}";
        } else if (parameters.isObject()) {
            schema = Json.write(parameters);
        } else {
            throw new InvalidRequestException(where + ".function.parameters must be a JSON schema object",
                    where + ".function.parameters");
        }
        try {
            Map<String, Object> tree = Json.MAPPER.readValue(schema, new TypeReference<>() { });
            return new ToolDefinition(name.isTextual() ? name.textValue() : null,
                    function.path("description").asText(""), schema,
                    JsonSchema.parse(tree, where + ".function.parameters"), function.path("strict").asBoolean(false));
        } catch (IOException e) {
            throw new IllegalStateException("a JSON object always reads back", e);
        } catch (InvalidRequestException e) {
            throw e.param().equals("tools") ? new InvalidRequestException(where + ".function.name must be 1 to 64"
                    + " letters, digits, underscores or dashes", where + ".function.name") : e;
        }
    }

    /** An assistant message's {@code tool_calls}: each a function with a name and JSON arguments (text or object). */
    static List<ToolCall> calls(JsonNode toolCalls, String where) {
        List<ToolCall> calls = new ArrayList<>();
        for (int i = 0; i < toolCalls.size(); i++) {
            JsonNode call = toolCalls.get(i);
            JsonNode function = call.path("function");
            if (!function.path("name").isTextual()) {
                throw new InvalidRequestException(where + "[" + i + "].function.name must be a string",
                        where + "[" + i + "].function.name");
            }
            calls.add(new ToolCall(call.path("id").asText(""), function.path("name").textValue(),
                    arguments(function.path("arguments"), where + "[" + i + "].function.arguments")));
        }
        return calls;
    }

    /** Arguments as JSON text; text that is not JSON is refused, as a model could not have meant it. */
    static String arguments(JsonNode arguments, String where) {
        if (!arguments.isTextual()) {
            return Json.write(arguments.isMissingNode() ? Json.object() : arguments);
        }
        try {
            Json.MAPPER.readTree(arguments.textValue());
            return arguments.textValue();
        } catch (IOException e) {
            throw new InvalidRequestException(where + " must be JSON text", where);
        }
    }
}
