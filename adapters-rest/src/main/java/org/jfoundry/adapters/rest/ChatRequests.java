package org.jfoundry.adapters.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.common.uri.UriQuery;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.inference.ChatCompletionRequest;
import org.jfoundry.ports.inference.ChatMessage;
import org.jfoundry.ports.inference.ChatTools;
import org.jfoundry.ports.inference.ToolCall;
import org.jfoundry.ports.inference.Role;

/** Reads a {@code /v1/chat/completions} body into the use case's request, refusing what cannot be honoured. */
final class ChatRequests {
    private static final Set<String> FIELDS;

    static {
        Set<String> fields = new HashSet<>(SamplingParameters.FIELDS);
        fields.addAll(Set.of("model", "messages", "max_completion_tokens", "response_format", "logprobs", "top_logprobs",
                "tools", "tool_choice", "parallel_tool_calls", "functions", "function_call", "metadata", "store",
                "modalities", "audio", "prediction", "service_tier", "reasoning_effort"));
        FIELDS = Set.copyOf(fields);
    }

    record ChatCall(ChatCompletionRequest request, SamplingParameters.Streaming streaming) {
    }

    private ChatRequests() {
    }

    static ChatCall read(ObjectNode json, UriQuery query) {
        BodyReader body = new BodyReader(json);
        body.requireOnly(FIELDS);
        refuseUnsupported(body);
        Integer maxTokens = body.integer("max_completion_tokens");
        if (maxTokens == null) {
            maxTokens = body.integer("max_tokens");
        } else if (body.has("max_tokens") && !maxTokens.equals(body.integer("max_tokens"))) {
            throw new InvalidRequestException("max_tokens and max_completion_tokens disagree; send one of them",
                    "max_completion_tokens");
        }
        ChatTools tools = ToolRequests.read(body);
        var format = ResponseFormats.read(body.node("response_format"));
        var parameters = SamplingParameters.read(body, maxTokens, format);
        var streaming = SamplingParameters.streaming(body);
        var request = new ChatCompletionRequest(body.requiredString("model"), messages(body), tools, parameters,
                SamplingParameters.loadOptions(body, query));
        return new ChatCall(request, streaming);
    }

    /** The token-count endpoint: the same model and messages, nothing else matters. */
    static List<ChatMessage> messages(BodyReader body) {
        JsonNode list = body.node("messages");
        if (list == null) {
            throw new InvalidRequestException("messages is required", "messages");
        }
        if (!list.isArray()) {
            throw new InvalidRequestException("messages must be an array", "messages");
        }
        List<ChatMessage> messages = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            messages.add(message(list.get(i), "messages[" + i + "]"));
        }
        return messages;
    }

    private static ChatMessage message(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new InvalidRequestException(where + " must be an object", where);
        }
        BodyReader message = new BodyReader((ObjectNode) node);
        JsonNode roleNode = message.node("role");
        if (roleNode == null || !roleNode.isTextual()) {
            throw new InvalidRequestException(where + ".role must be a string", where + ".role");
        }
        Role role;
        try {
            role = Role.parse(roleNode.textValue());
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException(e.getMessage(), where + ".role");
        }
        String content = content(message.node("content"), where + ".content");
        JsonNode toolCalls = message.node("tool_calls");
        List<ToolCall> calls = List.of();
        if (toolCalls != null && !toolCalls.isNull()) {
            if (!toolCalls.isArray() || role != Role.ASSISTANT) {
                throw new InvalidRequestException(where + ".tool_calls must be an array on an assistant message",
                        where + ".tool_calls");
            }
            calls = ToolRequests.calls(toolCalls, where + ".tool_calls");
        }
        JsonNode toolCallId = message.node("tool_call_id");
        if (toolCallId != null && (!toolCallId.isTextual() || role != Role.TOOL)) {
            throw new InvalidRequestException(where + ".tool_call_id must be a string on a tool message",
                    where + ".tool_call_id");
        }
        return new ChatMessage(role, content, calls, toolCallId == null ? null : toolCallId.textValue());
    }

    /** Content is a string or a list of parts; only text parts can be honoured, and their texts are joined. */
    private static String content(JsonNode content, String where) {
        if (content == null) {
            return "";
        }
        if (content.isTextual()) {
            return content.textValue();
        }
        if (!content.isArray()) {
            throw new InvalidRequestException(where + " must be a string or an array of content parts", where);
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < content.size(); i++) {
            JsonNode part = content.get(i);
            String partWhere = where + "[" + i + "]";
            JsonNode type = part.get("type");
            if (type == null || !"text".equals(type.asText())) {
                throw new InvalidRequestException(partWhere + ": only content parts of type 'text' are supported, got "
                        + (type == null ? "none" : "'" + type.asText() + "'"), partWhere + ".type");
            }
            JsonNode partText = part.get("text");
            if (partText == null || !partText.isTextual()) {
                throw new InvalidRequestException(partWhere + ".text must be a string", partWhere + ".text");
            }
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(partText.textValue());
        }
        return text.toString();
    }

    private static void refuseUnsupported(BodyReader body) {
        body.refuseUnless("logprobs", !body.bool("logprobs", false), "log probabilities are not returned yet");
        body.refuseUnless("top_logprobs", false, "log probabilities are not returned yet");
        JsonNode functions = body.node("functions");
        body.refuseUnless("functions", functions != null && functions.isArray() && functions.isEmpty(),
                "function calling is not implemented yet");
        JsonNode functionCall = body.node("function_call");
        body.refuseUnless("function_call", functionCall != null && functionCall.isTextual()
                && Set.of("none", "auto").contains(functionCall.textValue()), "function calling is not implemented yet");
        JsonNode modalities = body.node("modalities");
        body.refuseUnless("modalities", modalities != null && modalities.isArray() && modalities.size() == 1
                && "text".equals(modalities.get(0).asText()), "only text output is produced");
        body.refuseUnless("audio", false, "only text output is produced");
        body.refuseUnless("prediction", false, "predicted outputs are not implemented");
    }
}
