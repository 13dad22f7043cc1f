package org.jfoundry.adapters.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.inference.ChatMessage;
import org.jfoundry.ports.inference.ChatTools;
import org.jfoundry.ports.inference.ToolCall;
import org.jfoundry.ports.inference.GenerationParameters;
import org.jfoundry.ports.inference.ResponseFormat;
import org.jfoundry.ports.inference.Role;

/**
 * Reads a {@code POST /v1/responses} body: input as a string or items (messages with text parts, function calls and
 * their outputs), instructions, tools and tool_choice in the Responses shape, {@code text.format}, sampling and
 * {@code previous_response_id}.
 */
final class ResponsesRequests {

    private static final Set<String> FIELDS = Set.of("model", "input", "instructions", "tools", "tool_choice",
            "parallel_tool_calls", "text", "max_output_tokens", "temperature", "top_p", "store",
            "previous_response_id", "stream", "metadata", "user", "truncation", "seed");

    /**
     * @param input      the request's own input, as items (for {@code input_items})
     * @param messages   the new messages, after the previous response's conversation
     */
    record ResponsesCall(String model, ArrayNode input, List<ChatMessage> messages, String instructions,
                         ChatTools tools, ObjectNode toolsEcho, JsonNode toolChoiceEcho, ObjectNode textEcho,
                         GenerationParameters parameters, boolean store, boolean stream, String previousResponseId,
                         JsonNode metadata) {
    }

    private ResponsesRequests() {
    }

    static ResponsesCall read(ObjectNode json) {
        BodyReader body = new BodyReader(json);
        body.requireOnly(FIELDS);
        String model = body.requiredString("model");
        ArrayNode input = inputItems(body.node("input"));
        List<ChatMessage> messages = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            messages.add(message(input.get(i), "input[" + i + "]"));
        }
        ObjectNode chatShape = Json.object();
        ArrayNode tools = chatShape.putArray("tools");
        JsonNode requestTools = body.node("tools");
        if (requestTools != null) {
            if (!requestTools.isArray()) {
                throw new InvalidRequestException("tools must be an array", "tools");
            }
            for (int i = 0; i < requestTools.size(); i++) {
                tools.add(chatTool(requestTools.get(i), "tools[" + i + "]"));
            }
        }
        JsonNode toolChoice = body.node("tool_choice");
        if (toolChoice != null) {
            chatShape.set("tool_choice", toolChoice.isObject() && toolChoice.has("name")
                    ? Json.object().put("type", "function").set("function", Json.object().put("name",
                            toolChoice.get("name").asText())) : toolChoice);
        }
        if (body.has("parallel_tool_calls")) {
            chatShape.set("parallel_tool_calls", body.node("parallel_tool_calls"));
        }
        ChatTools toolUse = ToolRequests.read(new BodyReader(chatShape));
        ObjectNode text = Json.object();
        JsonNode format = body.node("text") == null ? null : body.node("text").get("format");
        ResponseFormat responseFormat = ResponseFormats.read(format == null ? null : flatToChatFormat(format));
        text.set("format", format == null ? Json.object().put("type", "text") : format);
        if (toolUse.forced() && !(responseFormat instanceof ResponseFormat.Text)) {
            throw new InvalidRequestException("text.format cannot be combined with a tool_choice that requires"
                    + " a tool call", "text");
        }
        Integer maxTokens = body.integer("max_output_tokens");
        GenerationParameters parameters = new GenerationParameters(maxTokens, body.number("temperature"),
                body.number("top_p"), null, null, null, null, body.longValue("seed"), List.of(), responseFormat);
        return new ResponsesCall(model, input, messages, body.string("instructions"), toolUse,
                (ObjectNode) Json.object().set("tools", requestTools == null ? Json.array() : requestTools),
                toolChoice == null ? Json.MAPPER.getNodeFactory().textNode("auto") : toolChoice, text,
                parameters, body.bool("store", true), body.bool("stream", false), body.string("previous_response_id"),
                body.node("metadata"));
    }

    /** A string is one user message; items get the ids and types the API lists them with. */
    private static ArrayNode inputItems(JsonNode input) {
        if (input == null) {
            throw new InvalidRequestException("input is required", "input");
        }
        ArrayNode items = Json.array();
        if (input.isTextual()) {
            ObjectNode item = items.addObject();
            item.put("type", "message");
            item.put("role", "user");
            item.putArray("content").addObject().put("type", "input_text").put("text", input.textValue());
        } else if (input.isArray()) {
            input.forEach(item -> {
                if (!item.isObject()) {
                    throw new InvalidRequestException("input items must be objects", "input");
                }
                ObjectNode copy = ((ObjectNode) item).deepCopy();
                if (!copy.has("type")) {
                    copy.put("type", "message");
                }
                items.add(copy);
            });
        } else {
            throw new InvalidRequestException("input must be a string or an array of items", "input");
        }
        for (JsonNode item : items) {
            if (!item.has("id")) {
                ((ObjectNode) item).put("id", OpenAiResponses.newId("msg_"));
            }
            if (!item.has("status")) {
                ((ObjectNode) item).put("status", "completed");
            }
        }
        return items;
    }

    private static ChatMessage message(JsonNode item, String where) {
        String type = item.path("type").asText();
        return switch (type) {
            case "message" -> {
                Role role;
                try {
                    role = Role.parse(item.path("role").asText(null));
                } catch (InvalidRequestException e) {
                    throw new InvalidRequestException(e.getMessage(), where + ".role");
                }
                yield new ChatMessage(role, text(item.get("content"), where + ".content"));
            }
            case "function_call" -> {
                if (!item.path("name").isTextual()) {
                    throw new InvalidRequestException(where + ".name must be a string", where + ".name");
                }
                yield ChatMessage.assistant("", List.of(new ToolCall(item.path("call_id").asText(""),
                        item.path("name").textValue(), ToolRequests.arguments(item.path("arguments"),
                                where + ".arguments"))));
            }
            case "function_call_output" -> ChatMessage.tool(item.path("call_id").isTextual()
                    ? item.path("call_id").textValue() : null, item.path("output").isTextual()
                    ? item.path("output").textValue() : Json.write(item.path("output")));
            default -> throw new InvalidRequestException(where + ".type '" + type + "' is not supported (message,"
                    + " function_call or function_call_output)", where + ".type");
        };
    }

    private static String text(JsonNode content, String where) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.textValue();
        }
        if (!content.isArray()) {
            throw new InvalidRequestException(where + " must be a string or an array of parts", where);
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < content.size(); i++) {
            JsonNode part = content.get(i);
            String type = part.path("type").asText();
            if (!Set.of("input_text", "output_text", "text").contains(type)) {
                throw new InvalidRequestException(where + "[" + i + "]: only text parts are supported, got '" + type
                        + "'", where + "[" + i + "].type");
            }
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(part.path("text").asText());
        }
        return text.toString();
    }

    /** Responses tools are flat ({@code {"type","name","parameters"}}); chat tools nest them under function. */
    private static ObjectNode chatTool(JsonNode tool, String where) {
        if (!"function".equals(tool.path("type").asText())) {
            throw new InvalidRequestException(where + ".type must be function (built-in tools are not available)",
                    where + ".type");
        }
        ObjectNode chat = Json.object();
        chat.put("type", "function");
        ObjectNode function = chat.putObject("function");
        for (String field : List.of("name", "description", "parameters", "strict")) {
            if (tool.has(field)) {
                function.set(field, tool.get(field));
            }
        }
        return chat;
    }

    /** {@code text.format} holds name, schema and strict beside type; response_format nests them. */
    private static JsonNode flatToChatFormat(JsonNode format) {
        if (!"json_schema".equals(format.path("type").asText())) {
            return format;
        }
        ObjectNode chat = Json.object();
        chat.put("type", "json_schema");
        ObjectNode schema = chat.putObject("json_schema");
        for (String field : List.of("name", "schema", "strict", "description")) {
            if (format.has(field)) {
                schema.set(field, format.get(field));
            }
        }
        return chat;
    }
}
