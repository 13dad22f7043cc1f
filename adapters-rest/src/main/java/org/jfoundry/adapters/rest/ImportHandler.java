package org.jfoundry.adapters.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.in.ImportModelRequest;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.out.DownloadProgress;

/**
 * {@code POST /foundry/import} with {@code {"path": "/abs/model.gguf", "alias": "...", "precision": "int4|fp32"}}:
 * converts a file on the service's machine into the cache, answering like {@code /openai/download}
 * ({@code Total 42% Converting blk.3.ffn_up.weight} lines, {@code [DONE] All Completed!}, then
 * {@code {"success":true,"errorMessage":null,"name":"<id>","alias":"<alias>"}}). A request the service refuses before
 * converting (no such file, not a model file it reads, an unsupported architecture) gets OpenAI's error JSON and 400.
 */
final class ImportHandler implements Handler {
    private final ApiContext ctx;

    ImportHandler(ApiContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        ObjectNode body = Json.readObject(req, ctx.settings().maxRequestBodyBytes());
        ImportModelRequest request = new ImportModelRequest(path(body), text(body, "alias"),
                ImportModelRequest.precision(text(body, "precision")));
        CancellationSignal cancel = new CancellationSignal();
        AtomicReference<DownloadProgress> latest = new AtomicReference<>();
        CompletableFuture<CachedModel> job = CompletableFuture.supplyAsync(
                () -> ctx.service().importModel(request, latest::set, cancel),
                runnable -> Thread.ofVirtual().name("import-" + request.alias()).start(runnable));
        new ProgressResponse(ctx, res, request.source().getFileName().toString(), "Converting").run(job, latest, cancel,
                (done, json) -> {
                    json.put("name", done.id().toString());
                    json.put("alias", done.alias());
                });
    }

    private static Path path(ObjectNode body) {
        String text = text(body, "path");
        if (text == null) {
            throw new InvalidRequestException("path is required: the model file to import", "path");
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new InvalidRequestException("path '" + text + "' is not a valid path", "path");
        }
    }

    private static String text(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidRequestException(field + " must be a string", field);
        }
        return value.textValue();
    }
}
