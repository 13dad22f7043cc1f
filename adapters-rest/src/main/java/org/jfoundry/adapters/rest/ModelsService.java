package org.jfoundry.adapters.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.nio.file.Files;
import org.jfoundry.ports.failure.ModelNotFoundException;
import org.jfoundry.ports.in.ResolvedModel;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.ModelId;

/** {@code GET /v1/models} and {@code /v1/models/{id}}: the models this service can answer with, i.e. the cached ones. */
final class ModelsService implements HttpService {
    private static final String OWNER = "foundry-local";

    private final ApiContext ctx;
    private final long startedAt = OpenAiResponses.nowSeconds();

    ModelsService(ApiContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/v1/models", this::list)
                .get("/v1/models/{id}", this::one);
    }

    private void list(ServerRequest req, ServerResponse res) {
        ObjectNode root = Json.object();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        ctx.service().listCached().stream()
                .sorted((a, b) -> a.id().compareTo(b.id()))
                .forEach(model -> data.add(model(model)));
        Json.send(res, root);
    }

    /** The cached variant a request naming it would use (the core resolves the full id, the id without version, or the alias). */
    private void one(ServerRequest req, ServerResponse res) {
        String name = req.path().pathParameters().get("id");
        ResolvedModel resolved = ctx.service().resolveForUse(name, null);
        CachedModel found = ctx.service().listCached().stream()
                .filter(m -> resolved.cached() && m.id().equals(resolved.model().id()))
                .findFirst()
                .orElseThrow(() -> new ModelNotFoundException(name, "Model '" + name + "' is not cached on this device"));
        Json.send(res, model(found));
    }

    private ObjectNode model(CachedModel model) {
        ObjectNode node = Json.object();
        ModelId id = model.id();
        node.put("id", id.toString());
        node.put("object", "model");
        node.put("created", created(model));
        node.put("owned_by", OWNER);
        return node;
    }

    /** When the model arrived in the cache; the service start time when the folder cannot tell. */
    private long created(CachedModel model) {
        try {
            return Files.getLastModifiedTime(model.folder()).toMillis() / 1000;
        } catch (IOException | SecurityException e) {
            return startedAt;
        }
    }
}
