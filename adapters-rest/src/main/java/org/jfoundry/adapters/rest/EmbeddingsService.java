package org.jfoundry.adapters.rest;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.jfoundry.ports.inference.EmbeddingResult;

/** {@code POST /v1/embeddings}: vectors as float arrays or as base64 little-endian float32. */
final class EmbeddingsService implements HttpService {
    private final ApiContext ctx;

    EmbeddingsService(ApiContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/v1/embeddings", this::embed);
    }

    private void embed(ServerRequest req, ServerResponse res) {
        var call = EmbeddingRequests.read(Json.readObject(req, ctx.settings().maxRequestBodyBytes()), req.query());
        WholeAnswer.send(ctx, req, res, clientGone -> {
            EmbeddingResult result = ctx.service().createEmbeddings(call.request(), clientGone);
            ctx.metrics().embedded(result.promptTokens());
            return OpenAiResponses.embeddings(result, call.base64());
        });
    }
}
