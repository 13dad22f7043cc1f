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
 * arguments}}]} with finish_reason {@code tool_calls}; streamed as {@code delta.content} until the model's tool-call
 * markup begins, then {@code delta.tool_calls} entries with index, id, type and name first and the arguments in
 * fragments as they are generated (see {@link ToolCallStream}), so no markup ever reaches a client as content.
 */
final class ToolCallAnswers {

    private ToolCallAnswers() {
    }

    static ToolCallStream.Parsed read(Completion completion, ChatTools tools) {
        if (!tools.active()) {
            return new ToolCallStream.Parsed(completion.text(), List.of(), true);
        }
        return ToolCallStream.read(completion.text(), tools.names(), tools.parallelCalls(), tools.forced());
    }

    static ToolCallStream reader(ChatTools tools, ToolCallStream.Listener listener) {
        return new ToolCallStream(tools.names(), tools.parallelCalls(), tools.forced(), listener);
    }

    /** {@code tool_calls} when the model finished by itself after calling; a cut-off answer stays {@code length}. */
    static FinishReason finishReason(Completion completion, int calls) {
        return calls > 0 && completion.finishReason() == FinishReason.STOP ? FinishReason.TOOL_CALLS
                : completion.finishReason();
    }

    static ObjectNode chatCompletion(String id, long created, Completion completion, ChatTools tools) {
        ObjectNode root = OpenAiResponses.chatCompletion(id, created, completion);
        ToolCallStream.Parsed parsed = read(completion, tools);
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
        for (ToolCallStream.Call call : parsed.calls()) {
            ObjectNode entry = calls.addObject();
            entry.put("id", call.id());
            entry.put("type", "function");
            ObjectNode function = entry.putObject("function");
            function.put("name", call.name());
            function.put("arguments", call.arguments());
        }
        choice.put("finish_reason", finishReason(completion, parsed.calls().size()).wireName());
        return root;
    }

    /** A chat stream read for calls as it is generated. */
    static Generation.ChunkFormat streamed(Generation.ChunkFormat plain, String id, long created, String model,
                                           boolean includeUsage, ChatTools tools) {
        return new Generation.ChunkFormat() {
            private final List<String> events = new ArrayList<>();
            private final ToolCallStream stream = reader(tools, new ToolCallStream.Listener() {
                @Override
                public void content(String text) {
                    events.add(plain.text(text));
                }

                @Override
                public void callStarted(int index, String callId, String name) {
                    ObjectNode named = delta(index);
                    named.put("id", callId);
                    named.put("type", "function");
                    named.putObject("function").put("name", name).put("arguments", "");
                    events.add(Json.write(wrap(named)));
                }

                @Override
                public void arguments(int index, String fragment) {
                    ObjectNode arguments = delta(index);
                    arguments.putObject("function").put("arguments", fragment);
                    events.add(Json.write(wrap(arguments)));
                }
            });

            @Override
            public String opening() {
                return plain.opening();
            }

            @Override
            public String text(String chunk) {
                throw new UnsupportedOperationException("a chunk may make several events; see events()");
            }

            @Override
            public List<String> events(String chunk) {
                stream.accept(chunk);
                return drain();
            }

            @Override
            public List<String> beforeFinish(Completion completion) {
                stream.finish();
                return drain();
            }

            @Override
            public String finish(Completion completion) {
                ObjectNode last = OpenAiResponses.chatChunk(id, created, model, null,
                        finishReason(completion, stream.calls()).wireName(), includeUsage);
                last.set("timings", OpenAiResponses.timings(completion.timings()));
                return Json.write(last);
            }

            @Override
            public String usage(Completion completion) {
                return plain.usage(completion);
            }

            private List<String> drain() {
                List<String> drained = List.copyOf(events);
                events.clear();
                return drained;
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
