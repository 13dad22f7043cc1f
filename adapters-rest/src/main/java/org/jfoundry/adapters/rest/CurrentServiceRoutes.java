package org.jfoundry.adapters.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import org.jfoundry.ports.failure.ModelNotFoundException;
import org.jfoundry.ports.inference.LoadOptions;
import org.jfoundry.ports.model.LoadedModel;
import org.jfoundry.ports.model.ModelId;

/**
 * The management routes of Foundry Local's newer service (its current SDKs and the 0.10 CLI), beside the legacy
 * {@code /openai/*} ones in {@link ManagementService}. They differ in shape: load and unload answer a {@code status}
 * word instead of the model, unloading a model that is not loaded is a 200 {@code not_loaded} rather than a 404, and
 * {@code /status} names the cache {@code modelCachePath}.
 */
final class CurrentServiceRoutes implements HttpService {
    private final ApiContext ctx;

    CurrentServiceRoutes(ApiContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/status", this::status)
                .post("/shutdown", this::shutdown)
                .get("/models/loaded", this::loaded)
                .get("/models/load/{name}", this::load)
                .get("/models/unload/{name}", this::unload);
    }

    private void status(ServerRequest req, ServerResponse res) {
        ObjectNode answer = Json.object();
        answer.putArray("endpoints").add(ManagementService.endpoint(ctx, req));
        answer.put("modelCachePath", ctx.service().serviceStatus().modelDirectory().toString());
        Json.send(res, answer);
    }

    /** Answers first, then stops: the client gets its 200 before the connection goes away. */
    private void shutdown(ServerRequest req, ServerResponse res) {
        ObjectNode answer = Json.object();
        answer.put("status", "shutting_down");
        Json.send(res, answer);
        ctx.health().requestStop();
    }

    private void loaded(ServerRequest req, ServerResponse res) {
        ArrayNode list = Json.array();
        loadedIds().stream().sorted().forEach(id -> list.add(id.toString()));
        Json.send(res, list);
    }

    private void load(ServerRequest req, ServerResponse res) {
        List<ModelId> before = loadedIds();
        LoadedModel model = ctx.service().load(name(req), LoadOptions.fromQuery(req.query().first("ttl").orElse(null),
                null, req.query().first("ep").orElse(null)));
        Json.send(res, outcome(before.contains(model.id()) ? "already_loaded" : "loaded", model.id()));
    }

    private void unload(ServerRequest req, ServerResponse res) {
        String name = name(req);
        boolean force = req.query().first("force").map(Boolean::parseBoolean).orElse(false);
        try {
            Json.send(res, outcome("unloaded", ctx.service().unload(name, force)));
        } catch (ModelNotFoundException notLoaded) {
            // The newer service tells a known model that is not loaded from an unknown one.
            Json.send(res, outcome("not_loaded", known(name, notLoaded)));
        }
    }

    /** The variant the name means (a cached one first, as the core resolves it); an unknown name keeps its 404. */
    private ModelId known(String name, ModelNotFoundException notLoaded) {
        try {
            return ctx.service().resolveForUse(name, null).model().id();
        } catch (ModelNotFoundException unknown) {
            throw notLoaded;
        }
    }

    private List<ModelId> loadedIds() {
        return ctx.service().listLoaded().stream().map(LoadedModel::id).toList();
    }

    private static ObjectNode outcome(String status, ModelId id) {
        ObjectNode answer = Json.object();
        answer.put("status", status);
        answer.put("model", id.toString());
        return answer;
    }

    private static String name(ServerRequest req) {
        return req.path().pathParameters().get("name");
    }
}
