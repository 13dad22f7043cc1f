package org.jfoundry.adapters.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jfoundry.ports.inference.Completion;
import org.jfoundry.ports.inference.FinishReason;

/** The Responses API's objects: the response, its output items, and its usage. */
final class ResponseObjects {

    private ResponseObjects() {
    }

    /** A response; {@code output} null while it is in progress. */
    static ObjectNode response(String id, long created, ResponsesRequests.ResponsesCall call, String model,
                               ArrayNode output, Completion completion) {
        ObjectNode root = Json.object();
        root.put("id", id);
        root.put("object", "response");
        root.put("created_at", created);
        boolean incomplete = completion != null && completion.finishReason() == FinishReason.LENGTH;
        root.put("status", completion == null ? "in_progress" : incomplete ? "incomplete" : "completed");
        root.putNull("error");
        if (incomplete) {
            root.putObject("incomplete_details").put("reason", "max_output_tokens");
        } else {
            root.putNull("incomplete_details");
        }
        if (call.instructions() == null) {
            root.putNull("instructions");
        } else {
            root.put("instructions", call.instructions());
        }
        if (call.parameters().maxTokens() == null) {
            root.putNull("max_output_tokens");
        } else {
            root.put("max_output_tokens", call.parameters().maxTokens());
        }
        root.put("model", model);
        root.set("output", output == null ? Json.array() : output);
        root.put("parallel_tool_calls", call.tools().parallelCalls());
        if (call.previousResponseId() == null) {
            root.putNull("previous_response_id");
        } else {
            root.put("previous_response_id", call.previousResponseId());
        }
        root.put("store", call.store());
        root.put("temperature", call.parameters().temperature() == null ? 1.0 : call.parameters().temperature());
        root.put("top_p", call.parameters().topP() == null ? 1.0 : call.parameters().topP());
        root.set("text", call.textEcho());
        root.set("tool_choice", call.toolChoiceEcho());
        root.set("tools", call.toolsEcho().get("tools"));
        root.put("truncation", "disabled");
        root.set("metadata", call.metadata() == null ? Json.object() : call.metadata());
        if (completion == null) {
            root.putNull("usage");
        } else {
            ObjectNode usage = root.putObject("usage");
            usage.put("input_tokens", completion.usage().promptTokens());
            usage.putObject("input_tokens_details").put("cached_tokens", 0);
            usage.put("output_tokens", completion.usage().completionTokens());
            usage.putObject("output_tokens_details").put("reasoning_tokens", 0);
            usage.put("total_tokens", completion.usage().totalTokens());
        }
        return root;
    }

    static ObjectNode message(String id, String text, String status) {
        ObjectNode item = Json.object();
        item.put("id", id);
        item.put("type", "message");
        item.put("status", status);
        item.put("role", "assistant");
        ArrayNode content = item.putArray("content");
        if (text != null) {
            content.add(outputText(text));
        }
        return item;
    }

    static ObjectNode outputText(String text) {
        ObjectNode part = Json.object();
        part.put("type", "output_text");
        part.put("text", text);
        part.putArray("annotations");
        return part;
    }

    static ObjectNode functionCall(String callId, String name, String arguments, String status) {
        ObjectNode item = Json.object();
        item.put("id", "fc_" + callId.substring("call_".length()));
        item.put("type", "function_call");
        item.put("status", status);
        item.put("call_id", callId);
        item.put("name", name);
        item.put("arguments", arguments);
        return item;
    }

    /**
     * The output items of a finished answer in the order the model wrote them: its text as one message (unless the
     * answer is only calls) and one item per call.
     */
    static ArrayNode output(ToolCallStream.Parsed parsed, String messageId) {
        ArrayNode output = Json.array();
        boolean message = !parsed.content().isEmpty() || parsed.calls().isEmpty();
        if (message && parsed.textFirst()) {
            output.add(message(messageId, parsed.content(), "completed"));
        }
        parsed.calls().forEach(call -> output.add(functionCall(call.id(), call.name(), call.arguments(),
                "completed")));
        if (message && !parsed.textFirst()) {
            output.add(message(messageId, parsed.content(), "completed"));
        }
        return output;
    }
}
