package org.jfoundry.adapters.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.List;
import org.jfoundry.ports.inference.ChatCompletionRequest;
import org.jfoundry.ports.inference.ChatMessage;
import org.jfoundry.ports.inference.Completion;
import org.jfoundry.ports.inference.ToolCall;

/**
 * OpenAI's Responses API: {@code POST /v1/responses} (whole, or streamed as OpenAI's event sequence),
 * {@code GET} and {@code DELETE /v1/responses/{id}}, and {@code GET /v1/responses/{id}/input_items}. Responses are
 * stored in memory (see {@link ResponseStore}) unless {@code store} is false.
 */
final class ResponsesService implements HttpService {
    private final ApiContext ctx;
    private final Generation generation;
    private final ResponseStore store = new ResponseStore();

    ResponsesService(ApiContext ctx) {
        this.ctx = ctx;
        this.generation = new Generation(ctx);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/v1/responses", this::create)
                .get("/v1/responses/{id}/input_items", this::inputItems)
                .get("/v1/responses/{id}", this::retrieve)
                .delete("/v1/responses/{id}", this::delete);
    }

    private void create(ServerRequest req, ServerResponse res) {
        var call = ResponsesRequests.read(Json.readObject(req, ctx.settings().maxRequestBodyBytes()));
        List<ChatMessage> history = new ArrayList<>();
        if (call.previousResponseId() != null) {
            history.addAll(stored(call.previousResponseId()).conversation());
        }
        history.addAll(call.messages());
        List<ChatMessage> prompt = new ArrayList<>();
        if (call.instructions() != null) {
            prompt.add(ChatMessage.system(call.instructions()));
        }
        prompt.addAll(history);
        ChatCompletionRequest request = new ChatCompletionRequest(call.model(), prompt, call.tools(),
                call.parameters(), null);
        String id = OpenAiResponses.newId("resp_");
        long created = OpenAiResponses.nowSeconds();
        if (!call.stream()) {
            WholeAnswer.send(ctx, req, res, clientGone -> {
                Completion completion = generation.whole((sink, cancel) ->
                        ctx.service().streamChatCompletion(request, sink, cancel), clientGone);
                return finished(id, created, call, history, completion,
                        ToolCallAnswers.read(completion, call.tools()), OpenAiResponses.newId("msg_"));
            });
            return;
        }
        generation.streamed(res, (sink, cancel) -> ctx.service().streamChatCompletion(request, sink, cancel),
                new ResponseEvents(id, created, call, history), false);
    }

    /** The finished response, stored when asked. */
    private ObjectNode finished(String id, long created, ResponsesRequests.ResponsesCall call,
                                List<ChatMessage> history, Completion completion, ToolCallStream.Parsed parsed,
                                String messageId) {
        ObjectNode response = ResponseObjects.response(id, created, call, completion.model().toString(),
                ResponseObjects.output(parsed, messageId), completion);
        if (call.store()) {
            List<ChatMessage> conversation = new ArrayList<>(history);
            conversation.add(ChatMessage.assistant(parsed.content(), parsed.calls().stream()
                    .map(c -> new ToolCall(c.id(), c.name(), c.arguments())).toList()));
            store.put(id, new ResponseStore.Stored(response, call.input(), conversation));
        }
        return response;
    }

    private void retrieve(ServerRequest req, ServerResponse res) {
        Json.send(res, stored(req.path().pathParameters().get("id")).response());
    }

    private void delete(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        if (!store.remove(id)) {
            throw notFound(id);
        }
        ObjectNode answer = Json.object();
        answer.put("id", id);
        answer.put("object", "response.deleted");
        answer.put("deleted", true);
        Json.send(res, answer);
    }

    private void inputItems(ServerRequest req, ServerResponse res) {
        ArrayNode items = stored(req.path().pathParameters().get("id")).inputItems();
        ObjectNode page = Json.object();
        page.put("object", "list");
        page.set("data", items);
        page.put("first_id", items.isEmpty() ? null : items.get(0).path("id").asText());
        page.put("last_id", items.isEmpty() ? null : items.get(items.size() - 1).path("id").asText());
        page.put("has_more", false);
        Json.send(res, page);
    }

    private ResponseStore.Stored stored(String id) {
        return store.get(id).orElseThrow(() -> notFound(id));
    }

    private static HttpFailure notFound(String id) {
        return new HttpFailure(404, "invalid_request_error", "not_found", "response_id",
                "No response with id '" + id + "' is stored (responses are kept in memory, the last "
                        + ResponseStore.CAPACITY + ")");
    }

    /**
     * OpenAI's stream: response.created and response.in_progress, then each output item as the model writes it: a
     * message whose text arrives as response.output_text.delta events (opened at its first text), a function_call
     * item per call (opened with its name as soon as it is read, its arguments as response.function_call_arguments.delta
     * fragments as they are generated); at the end each item's done events and response.completed with the whole
     * response. Tool-call markup never reaches the text (see {@link ToolCallStream}).
     */
    private final class ResponseEvents implements Generation.ChunkFormat {
        private final String id;
        private final long created;
        private final ResponsesRequests.ResponsesCall call;
        private final List<ChatMessage> history;
        private final String messageId = OpenAiResponses.newId("msg_");
        private final List<String> events = new ArrayList<>();
        private final List<String> callItemIds = new ArrayList<>();
        private final List<Integer> callOutputIndex = new ArrayList<>();
        private final ToolCallStream stream;
        private int nextOutputIndex;
        private int messageOutputIndex = -1;
        private int sequence;
        private ObjectNode finished;

        ResponseEvents(String id, long created, ResponsesRequests.ResponsesCall call, List<ChatMessage> history) {
            this.id = id;
            this.created = created;
            this.call = call;
            this.history = history;
            this.stream = !call.tools().active() ? null : ToolCallAnswers.reader(call.tools(),
                    new ToolCallStream.Listener() {
                        @Override
                        public void content(String text) {
                            onText(text);
                        }

                        @Override
                        public void callStarted(int index, String callId, String name) {
                            int outputIndex = nextOutputIndex++;
                            ObjectNode opened = ResponseObjects.functionCall(callId, name, "", "in_progress");
                            callItemIds.add(opened.path("id").asText());
                            callOutputIndex.add(outputIndex);
                            events.add(Json.write(event("response.output_item.added").put("output_index", outputIndex)
                                    .set("item", opened)));
                        }

                        @Override
                        public void arguments(int index, String fragment) {
                            events.add(Json.write(event("response.function_call_arguments.delta")
                                    .put("item_id", callItemIds.get(index))
                                    .put("output_index", callOutputIndex.get(index)).put("delta", fragment)));
                        }
                    });
        }

        @Override
        public String opening() {
            return null;
        }

        @Override
        public List<String> openings() {
            ObjectNode started = ResponseObjects.response(id, created, call, call.model(), null, null);
            return List.of(event("response.created").set("response", started).toString(),
                    event("response.in_progress").set("response", started).toString());
        }

        @Override
        public String text(String chunk) {
            throw new UnsupportedOperationException("a chunk may make several events; see events()");
        }

        @Override
        public List<String> events(String chunk) {
            if (stream == null) {
                onText(chunk);
            } else {
                stream.accept(chunk);
            }
            return drain();
        }

        private void onText(String text) {
            openMessage();
            events.add(Json.write(event("response.output_text.delta").put("item_id", messageId)
                    .put("output_index", messageOutputIndex).put("content_index", 0).put("delta", text)
                    .set("logprobs", Json.array())));
        }

        private void openMessage() {
            if (messageOutputIndex >= 0) {
                return;
            }
            messageOutputIndex = nextOutputIndex++;
            ObjectNode added = event("response.output_item.added").put("output_index", messageOutputIndex);
            added.set("item", ResponseObjects.message(messageId, null, "in_progress"));
            events.add(Json.write(added));
            ObjectNode part = event("response.content_part.added").put("item_id", messageId)
                    .put("output_index", messageOutputIndex).put("content_index", 0);
            part.set("part", ResponseObjects.outputText(""));
            events.add(Json.write(part));
        }

        @Override
        public List<String> beforeFinish(Completion completion) {
            ToolCallStream.Parsed parsed;
            if (stream == null) {
                parsed = new ToolCallStream.Parsed(completion.text(), List.of(), true);
            } else {
                stream.finish();
                parsed = stream.parsed();
            }
            if (parsed.calls().isEmpty()) {
                openMessage(); // an empty answer is still an (empty) message
            }
            finished = finished(id, created, call, history, completion, parsed, messageId);
            ArrayNode output = (ArrayNode) finished.get("output");
            for (int index = 0; index < output.size(); index++) {
                ObjectNode item = (ObjectNode) output.get(index);
                if ("message".equals(item.path("type").asText())) {
                    String text = item.path("content").path(0).path("text").asText();
                    events.add(Json.write(event("response.output_text.done").put("item_id", messageId)
                            .put("output_index", index).put("content_index", 0).put("text", text)
                            .set("logprobs", Json.array())));
                    ObjectNode partDone = event("response.content_part.done").put("item_id", messageId)
                            .put("output_index", index).put("content_index", 0);
                    partDone.set("part", item.path("content").path(0));
                    events.add(Json.write(partDone));
                } else {
                    events.add(Json.write(event("response.function_call_arguments.done")
                            .put("item_id", item.path("id").asText()).put("output_index", index)
                            .put("name", item.path("name").asText())
                            .put("arguments", item.path("arguments").asText())));
                }
                ObjectNode done = event("response.output_item.done").put("output_index", index);
                done.set("item", item);
                events.add(Json.write(done));
            }
            return drain();
        }

        @Override
        public String finish(Completion completion) {
            String type = "incomplete".equals(finished.path("status").asText()) ? "response.incomplete"
                    : "response.completed";
            return Json.write(event(type).set("response", finished));
        }

        @Override
        public String usage(Completion completion) {
            return null;
        }

        private List<String> drain() {
            List<String> drained = List.copyOf(events);
            events.clear();
            return drained;
        }

        private ObjectNode event(String type) {
            ObjectNode event = Json.object();
            event.put("type", type);
            event.put("sequence_number", sequence++);
            return event;
        }
    }
}
