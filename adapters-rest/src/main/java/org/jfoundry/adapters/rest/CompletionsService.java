package org.jfoundry.adapters.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.jfoundry.ports.inference.Completion;
import org.jfoundry.ports.inference.TextCompletionRequest;

/** {@code POST /v1/completions}: a raw prompt continued without a chat template, whole or streamed. */
final class CompletionsService implements HttpService {
    private final ApiContext ctx;
    private final Generation generation;

    CompletionsService(ApiContext ctx) {
        this.ctx = ctx;
        this.generation = new Generation(ctx);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/v1/completions", this::complete);
    }

    private void complete(ServerRequest req, ServerResponse res) {
        var call = CompletionRequests.read(Json.readObject(req, ctx.settings().maxRequestBodyBytes()), req.query());
        TextCompletionRequest request = call.request();
        String id = OpenAiResponses.newId("cmpl-");
        long created = OpenAiResponses.nowSeconds();
        if (!call.streaming().stream()) {
            WholeAnswer.send(ctx, req, res, clientGone -> {
                Completion completion = generation.whole((sink, cancel) -> ctx.service().completeText(request, sink, cancel),
                        clientGone);
                ObjectNode answer = OpenAiResponses.textCompletion(id, created, completion.model().toString(),
                        completion.text(), completion.finishReason().wireName());
                answer.set("usage", OpenAiResponses.usage(completion.usage()));
                answer.set("timings", OpenAiResponses.timings(completion.timings()));
                return answer;
            });
            return;
        }
        boolean includeUsage = call.streaming().includeUsage();
        String model = request.model();
        generation.streamed(res, (sink, cancel) -> ctx.service().completeText(request, sink, cancel),
                new Generation.ChunkFormat() {
                    @Override
                    public String opening() {
                        return null;
                    }

                    @Override
                    public String text(String chunk) {
                        return Json.write(OpenAiResponses.textCompletion(id, created, model, chunk, null));
                    }

                    @Override
                    public String finish(Completion completion) {
                        ObjectNode last = OpenAiResponses.textCompletion(id, created, model, "",
                                completion.finishReason().wireName());
                        last.set("timings", OpenAiResponses.timings(completion.timings()));
                        return Json.write(last);
                    }

                    @Override
                    public String usage(Completion completion) {
                        return Json.write(OpenAiResponses.usageChunk(id, created, "text_completion", model,
                                completion.usage()));
                    }
                }, includeUsage);
    }
}
