package org.jfoundry.adapters.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jfoundry.ports.in.ServiceStatus;
import org.jfoundry.ports.inference.LoadOptions;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.model.LoadedModel;
import org.jfoundry.ports.model.ModelId;

/** Foundry Local's management routes: catalog, cache, load and unload, status. Shapes follow the contract exactly. */
final class ManagementService implements HttpService {
    private final ApiContext ctx;
    private final DownloadHandler download;
    private final ImportHandler importer;

    ManagementService(ApiContext ctx) {
        this.ctx = ctx;
        this.download = new DownloadHandler(ctx);
        this.importer = new ImportHandler(ctx);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/foundry/list", this::catalog)
                .get("/openai/models", this::cached)
                .get("/openai/loadedmodels", this::loaded)
                .get("/openai/load/{name}", this::load)
                .get("/openai/unload/{name}", this::unload)
                .get("/openai/unloadall", this::unloadAll)
                .post("/openai/download", download)
                .post("/foundry/import", importer)
                .get("/openai/status", this::status);
    }

    private void catalog(ServerRequest req, ServerResponse res) {
        ArrayNode list = Json.array();
        ctx.service().listCatalog().forEach(model -> list.add(CatalogJson.of(model)));
        Json.send(res, list);
    }

    private void cached(ServerRequest req, ServerResponse res) {
        Json.send(res, ids(ctx.service().listCached().stream().map(m -> m.id()).sorted().toList()));
    }

    private void loaded(ServerRequest req, ServerResponse res) {
        Json.send(res, ids(ctx.service().listLoaded().stream().map(LoadedModel::id).sorted().toList()));
    }

    private void load(ServerRequest req, ServerResponse res) {
        LoadOptions options = LoadOptions.fromQuery(req.query().first("ttl").orElse(null),
                req.query().first("unload").orElse(null), req.query().first("ep").orElse(null));
        LoadedModel model = ctx.service().load(name(req), options);
        ObjectNode answer = Json.object();
        answer.put("name", model.id().toString());
        answer.put("alias", model.alias());
        answer.put("executionProvider", model.provider() == null ? null : model.provider().ortName());
        answer.put("engine", model.engine());
        answer.put("ttlSeconds", model.ttl() == null ? null : model.ttl().toSeconds());
        Json.send(res, answer);
    }

    private void unload(ServerRequest req, ServerResponse res) {
        ModelId id = ctx.service().unload(name(req), force(req));
        ObjectNode answer = Json.object();
        answer.put("name", id.toString());
        answer.put("unloaded", true);
        Json.send(res, answer);
    }

    private void unloadAll(ServerRequest req, ServerResponse res) {
        List<ModelId> unloaded = ctx.service().unloadAll(force(req));
        ObjectNode answer = Json.object();
        answer.set("unloaded", ids(unloaded));
        Json.send(res, answer);
    }

    private void status(ServerRequest req, ServerResponse res) {
        ServiceStatus status = ctx.service().serviceStatus();
        ObjectNode answer = Json.object();
        answer.putArray("endpoints").add(endpoint(req));
        answer.put("modelDirPath", status.modelDirectory().toString());
        answer.putNull("pipeName");
        answer.put("isAutoRegistrationResolved", true);
        answer.put("autoRegistrationStatus", "Valid EPs: " + status.availableProviders().stream()
                .sorted(Comparator.comparingInt(ExecutionProvider::ordinal))
                .map(ExecutionProvider::ortName).collect(Collectors.joining(", ")));
        Json.send(res, answer);
    }

    /** The URL actually bound (port 0 resolved); in-process tests have none, so the request's local address stands in. */
    private String endpoint(ServerRequest req) {
        return ctx.boundUrl().get().orElseGet(() -> "http://" + req.localPeer().host() + ":" + req.localPeer().port());
    }

    private static String name(ServerRequest req) {
        return req.path().pathParameters().get("name");
    }

    private static boolean force(ServerRequest req) {
        return req.query().first("force").map(Boolean::parseBoolean).orElse(false);
    }

    private static ArrayNode ids(List<ModelId> ids) {
        ArrayNode list = Json.array();
        ids.forEach(id -> list.add(id.toString()));
        return list;
    }
}
