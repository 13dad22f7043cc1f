package org.jfoundry.adapters.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.jfoundry.ports.inference.ChatTools;
import org.jfoundry.ports.inference.Completion;
import org.jfoundry.ports.inference.FinishReason;

/**
 * Chat answers to requests with tools, in OpenAI's shapes: {@code message.tool_calls[{id, type, function{name,
 * arguments}}]} with finish_reason {@code tool_calls}; streamed as {@code delta.tool_calls} entries with index, id,
 * type and name first, then the arguments. The answer is read whole before any of it is streamed, so no tool-call
 * markup ever reaches a client as content.
 */
final class ToolCallAnswers {

    private ToolCallAnswers() {
    }

    static ToolCallSyntax.Parsed read(Completion completion, ChatTools tools) {
        if (!tools.active() || completion.finishReason() != FinishReason.STOP) {
            return new ToolCallSyntax.Parsed(completion.text(), List.of());
        }
        return tools.forced() ? ToolCallSyntax.forced(completion.text(), tools.names())
                : ToolCallSyntax.parse(completion.text(), tools.names());
    }

    static ObjectNode chatCompletion(String id, long created, Completion completion, ChatTools tools) {
        ObjectNode root = OpenAiResponses.chatCompletion(id, created, completion);
        ToolCallSyntax.Parsed parsed = read(completion, tools);
        if (parsed.calls().isEmpty()) {
            return root;
        }
        ObjectNode choice = (ObjectNode) root.get("choices").get(0);
        ObjectNode message = (ObjectNode) choice.get("message");
        if (parsed.content().isBlank()) {
            message.putNull("content");
        } else {
            message.put("content", parsed.content());
        }
        ArrayNode calls = message.putArray("tool_calls");
        for (ToolCallSyntax.Call call : parsed.calls()) {
            ObjectNode entry = calls.addObject();
            entry.put("id", call.id());
            entry.put("type", "function");
            ObjectNode function = entry.putObject("function");
            function.put("name", call.name());
            function.put("arguments", call.arguments());
        }
        choice.put("finish_reason", FinishReason.TOOL_CALLS.wireName());
        return root;
    }

    /** A chat stream whose text is held until the end, then sent as content or as tool-call deltas. */
    static Generation.ChunkFormat streamed(Generation.ChunkFormat plain, String id, long created, String model,
                                           boolean includeUsage, ChatTools tools) {
        return new Generation.ChunkFormat() {
            private ToolCallSyntax.Parsed parsed;

            @Override
            public String opening() {
                return plain.opening();
            }

            @Override
            public String text(String chunk) {
                return null;
            }

            @Override
            public List<String> beforeFinish(Completion completion) {
                parsed = read(completion, tools);
                List<String> events = new ArrayList<>();
                if (!parsed.content().isEmpty()) {
                    events.add(plain.text(parsed.content()));
                }
                for (int i = 0; i < parsed.calls().size(); i++) {
                    ToolCallSyntax.Call call = parsed.calls().get(i);
                    ObjectNode named = delta(i);
                    named.put("id", call.id());
                    named.put("type", "function");
                    named.putObject("function").put("name", call.name()).put("arguments", "");
                    events.add(Json.write(wrap(named)));
                    ObjectNode arguments = delta(i);
                    arguments.putObject("function").put("arguments", call.arguments());
                    events.add(Json.write(wrap(arguments)));
                }
                return events;
            }

            @Override
            public String finish(Completion completion) {
                if (parsed == null || parsed.calls().isEmpty()) {
                    return plain.finish(completion);
                }
                ObjectNode last = OpenAiResponses.chatChunk(id, created, model, null,
                        FinishReason.TOOL_CALLS.wireName(), includeUsage);
                last.set("timings", OpenAiResponses.timings(completion.timings()));
                return Json.write(last);
            }

            @Override
            public String usage(Completion completion) {
                return plain.usage(completion);
            }

            private ObjectNode delta(int index) {
                ObjectNode entry = Json.object();
                entry.put("index", index);
                return entry;
            }

            private ObjectNode wrap(ObjectNode toolCall) {
                ObjectNode chunk = OpenAiResponses.chatChunk(id, created, model, "", null, includeUsage);
                ObjectNode delta = (ObjectNode) chunk.get("choices").get(0).get("delta");
                delta.remove("content");
                delta.putArray("tool_calls").add(toolCall);
                return chunk;
            }
        };
    }
}
