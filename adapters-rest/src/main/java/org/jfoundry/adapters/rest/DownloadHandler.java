package org.jfoundry.adapters.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.failure.ModelNotFoundException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.out.DownloadProgress;

/**
 * {@code POST /openai/download}: progress lines ({@code Total 42.5% Downloading model.onnx.data}), then
 * {@code [DONE] All Completed!}, then the JSON result flushed on its own, as the Foundry Local SDKs parse it (a
 * percentage regex over the text, the JSON taken from the first chunk that starts with '{'); see
 * {@link ProgressResponse}.
 */
final class DownloadHandler implements Handler {
    private final ApiContext ctx;

    DownloadHandler(ApiContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        ObjectNode body = Json.readObject(req, ctx.settings().maxRequestBodyBytes());
        Target target = target(body);
        CancellationSignal cancel = new CancellationSignal();
        AtomicReference<DownloadProgress> latest = new AtomicReference<>();
        CompletableFuture<CachedModel> download = CompletableFuture.supplyAsync(() -> target.entry() != null
                        ? ctx.service().download(target.entry(), latest::set, cancel)
                        : ctx.service().download(target.name(), latest::set, cancel),
                runnable -> Thread.ofVirtual().name("download-" + target.name()).start(runnable));
        new ProgressResponse(ctx, res, target.name(), "Downloading").run(download, latest, cancel, (done, json) -> { });
    }

    /** Either a full catalog entry built from the body, or a name for the catalog to resolve. */
    private record Target(String name, CatalogModel entry) {
    }

    /**
     * The SDKs send {@code {"model":{"Name","Uri","Publisher","ProviderType","PromptTemplate"}}}: a catalog's own entry
     * posted back. Only the catalogs say where a model comes from: a known id is fetched from its catalog entry, whatever
     * the body's Uri says, and a body may not introduce a source no catalog lists (a {@code file:} URI would copy any
     * local folder into the cache). An unknown id is accepted only with a Uri that some catalog entry has; that entry
     * is what is downloaded.
     */
    private Target target(ObjectNode body) {
        JsonNode model = body.get("model");
        if (model == null || !model.isObject()) {
            throw new InvalidRequestException("model must be an object with at least a Name", "model");
        }
        String name = text(model, "name").orElseThrow(() ->
                new InvalidRequestException("model.Name is required", "model.Name"));
        if (!ModelId.isFullId(name)) {
            return new Target(name, null);
        }
        ModelId id = ModelId.parse(name);
        List<CatalogModel> catalog = ctx.service().listCatalog();
        Optional<CatalogModel> known = catalog.stream().filter(m -> m.id().equals(id)).findFirst();
        if (known.isPresent()) {
            return new Target(name, known.get());
        }
        Optional<String> uri = text(model, "uri");
        Optional<CatalogModel> listed = uri.flatMap(u -> catalog.stream().filter(m -> m.uri().equals(u)).findFirst());
        return listed.map(entry -> new Target(entry.id().toString(), entry)).orElseThrow(() -> new ModelNotFoundException(
                name, "Model '" + name + "' is in no catalog" + uri.map(u -> ", and no catalog lists its Uri").orElse("")
                        + "; only models the catalogs list can be downloaded"));
    }

    /** Field names are matched ignoring case: the SDKs write PascalCase, hand-written clients often camelCase. */
    private static Optional<String> text(JsonNode object, String field) {
        JsonNode value = field(object, field);
        return value != null && value.isTextual() && !value.textValue().isBlank()
                ? Optional.of(value.textValue()) : Optional.empty();
    }

    private static JsonNode field(JsonNode object, String field) {
        Iterator<Map.Entry<String, JsonNode>> fields = object.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            if (entry.getKey().equalsIgnoreCase(field)) {
                return entry.getValue();
            }
        }
        return null;
    }
}
