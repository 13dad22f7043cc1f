package org.jfoundry.adapters.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.in.ResolvedModel;
import org.jfoundry.ports.in.ServiceStatus;
import org.jfoundry.ports.inference.LoadOptions;
import org.jfoundry.ports.model.CatalogListing;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.model.LoadedModel;
import org.jfoundry.ports.model.ModelId;

/** Foundry Local's management routes: catalog, cache, load and unload, status. Shapes follow the contract exactly. */
final class ManagementService implements HttpService {
    /** Names each catalog source that could not be reached, on an otherwise ordinary {@code /foundry/list}. */
    static final String CATALOG_UNREACHABLE = "X-Foundry-Catalog-Unreachable";
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
                .delete("/openai/models/{name}", this::remove)
                .get("/foundry/resolve/{name}", this::resolve)
                .get("/openai/loadedmodels", this::loaded)
                .get("/openai/load/{name}", this::load)
                .get("/openai/unload/{name}", this::unload)
                .get("/openai/unloadall", this::unloadAll)
                .get("/openai/getgpudevice", this::gpuDevice)
                .get("/openai/setgpudevice/{deviceId}", this::selectGpuDevice)
                .post("/openai/download", download)
                .post("/foundry/import", importer)
                .get("/openai/status", this::status);
    }

    /**
     * The list is answered 200 even when a catalog source cannot be reached (it then holds what can be served);
     * {@value #CATALOG_UNREACHABLE} says which sources failed and why, one header value per source.
     */
    private void catalog(ServerRequest req, ServerResponse res) {
        CatalogListing listing = ctx.service().catalogListing();
        ArrayNode list = Json.array();
        listing.models().forEach(model -> list.add(CatalogJson.of(model)));
        if (!listing.complete()) {
            res.header(HeaderNames.create(CATALOG_UNREACHABLE), listing.unreachable().stream().map(ManagementService::headerText)
                    .toArray(String[]::new));
        }
        Json.send(res, list);
    }

    /** A header value is one line of printable ASCII; a failure message may hold anything. */
    private static String headerText(String text) {
        String printable = text.replaceAll("[^\\x20-\\x7E]+", " ").strip();
        return printable.length() > 300 ? printable.substring(0, 300) + "..." : printable;
    }

    private void cached(ServerRequest req, ServerResponse res) {
        Json.send(res, ids(ctx.service().listCached().stream().map(m -> m.id()).sorted().toList()));
    }

    /**
     * Deletes a cached model through the core, which refuses loads of it while its files go; {@code unload=true}
     * unloads it first, otherwise a loaded model is refused (409).
     */
    private void remove(ServerRequest req, ServerResponse res) {
        boolean unloadFirst = req.query().first("unload").map(Boolean::parseBoolean).orElse(false);
        ModelId id = ctx.service().removeCached(name(req), unloadFirst);
        ObjectNode answer = Json.object();
        answer.put("name", id.toString());
        answer.put("removed", true);
        Json.send(res, answer);
    }

    /** The variant a request naming it would use, and whether it is downloaded: clients ask rather than resolve. */
    private void resolve(ServerRequest req, ServerResponse res) {
        ResolvedModel resolved = ctx.service().resolveForUse(name(req),
                req.query().first("ep").map(ExecutionProvider::parse).orElse(null));
        ObjectNode answer = Json.object();
        answer.put("name", resolved.model().id().toString());
        answer.put("cached", resolved.cached());
        answer.set("model", CatalogJson.of(resolved.model()));
        Json.send(res, answer);
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

    /** The body is the bare device index, as Foundry Local answers. */
    private void gpuDevice(ServerRequest req, ServerResponse res) {
        Json.send(res, Json.MAPPER.getNodeFactory().numberNode(ctx.service().gpuDevice()));
    }

    private void selectGpuDevice(ServerRequest req, ServerResponse res) {
        String text = req.path().pathParameters().get("deviceId");
        int deviceId;
        try {
            deviceId = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("GPU device id must be an integer, not '" + text + "'", "deviceId");
        }
        ctx.service().selectGpuDevice(deviceId);
        res.send();
    }

    private void status(ServerRequest req, ServerResponse res) {
        ServiceStatus status = ctx.service().serviceStatus();
        ObjectNode answer = Json.object();
        answer.putArray("endpoints").add(endpoint(ctx, req));
        answer.put("modelDirPath", status.modelDirectory().toString());
        answer.putNull("pipeName");
        answer.put("isAutoRegistrationResolved", true);
        answer.put("autoRegistrationStatus", "Valid EPs: " + status.availableProviders().stream()
                .sorted(Comparator.comparingInt(ExecutionProvider::ordinal))
                .map(ExecutionProvider::ortName).collect(Collectors.joining(", ")));
        Json.send(res, answer);
    }

    /** The URL actually bound (port 0 resolved); in-process tests have none, so the request's local address stands in. */
    static String endpoint(ApiContext ctx, ServerRequest req) {
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
