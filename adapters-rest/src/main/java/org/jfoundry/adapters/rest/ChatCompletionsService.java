package org.jfoundry.adapters.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.jfoundry.ports.inference.ChatCompletionRequest;
import org.jfoundry.ports.inference.Completion;
import org.jfoundry.ports.inference.Prompt;

/** {@code POST /v1/chat/completions}, whole and streamed, and Foundry's token count beside it. */
final class ChatCompletionsService implements HttpService {
    private final ApiContext ctx;
    private final Generation generation;

    ChatCompletionsService(ApiContext ctx) {
        this.ctx = ctx;
        this.generation = new Generation(ctx);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/v1/chat/completions", this::complete)
                .post("/v1/chat/completions/tokenizer/encode/count", this::countTokens);
    }

    private void complete(ServerRequest req, ServerResponse res) {
        var call = ChatRequests.read(Json.readObject(req, ctx.settings().maxRequestBodyBytes()), req.query());
        ChatCompletionRequest request = call.request();
        String id = OpenAiResponses.newId("chatcmpl-");
        long created = OpenAiResponses.nowSeconds();
        if (!call.streaming().stream()) {
            WholeAnswer.send(ctx, req, res, clientGone -> ToolCallAnswers.chatCompletion(id, created,
                    generation.whole((sink, cancel) -> ctx.service().streamChatCompletion(request, sink, cancel),
                            clientGone), request.tools()));
            return;
        }
        boolean includeUsage = call.streaming().includeUsage();
        String model = request.model();
        Generation.ChunkFormat plain = new Generation.ChunkFormat() {
            @Override
            public String opening() {
                return Json.write(OpenAiResponses.chatChunk(id, created, model, null, null, includeUsage));
            }

            @Override
            public String text(String chunk) {
                return Json.write(OpenAiResponses.chatChunk(id, created, model, chunk, null, includeUsage));
            }

            @Override
            public String finish(Completion completion) {
                ObjectNode last = OpenAiResponses.chatChunk(id, created, model, null,
                        completion.finishReason().wireName(), includeUsage);
                last.set("timings", OpenAiResponses.timings(completion.timings()));
                return Json.write(last);
            }

            @Override
            public String usage(Completion completion) {
                return Json.write(OpenAiResponses.usageChunk(id, created, "chat.completion.chunk", model,
                        completion.usage()));
            }
        };
        Generation.ChunkFormat format = request.tools().active()
                ? ToolCallAnswers.streamed(plain, id, created, model, includeUsage, request.tools()) : plain;
        generation.streamed(res, (sink, cancel) -> ctx.service().streamChatCompletion(request, sink, cancel), format,
                includeUsage);
    }

    private void countTokens(ServerRequest req, ServerResponse res) {
        BodyReader body = new BodyReader(Json.readObject(req, ctx.settings().maxRequestBodyBytes()));
        String model = body.requiredString("model");
        int count = ctx.service().countTokens(model, new Prompt.Chat(ChatRequests.messages(body)));
        ObjectNode answer = Json.object();
        answer.put("tokenCount", count);
        Json.send(res, answer);
    }
}
