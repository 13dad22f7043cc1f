package org.jfoundry.adapters.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.DeviceType;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.model.ModelRuntime;
import org.jfoundry.ports.model.PromptTemplate;
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
     * The SDKs send {@code {"model":{"Name","Uri","Publisher","ProviderType","PromptTemplate"}}}. A full id is looked
     * up in the catalog first (its entry knows the runtime); otherwise the body's own fields describe the model.
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
        Optional<CatalogModel> known = ctx.service().listCatalog().stream().filter(m -> m.id().equals(id)).findFirst();
        if (known.isPresent()) {
            return new Target(name, known.get());
        }
        String uri = text(model, "uri").orElseThrow(() -> new InvalidRequestException(
                "model '" + name + "' is not in the catalog, so model.Uri is required", "model.Uri"));
        CatalogModel entry = new CatalogModel(id, id.name(), text(model, "providerType").orElse("AzureFoundryLocal"), uri,
                "ONNX", promptTemplate(model), text(model, "publisher").orElse(null), null, runtimeFromName(id.name()),
                0, null, null, false, null, null, null, null, null);
        return new Target(name, entry);
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

    private static PromptTemplate promptTemplate(JsonNode model) {
        JsonNode template = field(model, "promptTemplate");
        if (template == null || !template.isObject()) {
            return null;
        }
        return new PromptTemplate(text(template, "system").orElse(null), text(template, "user").orElse(null),
                text(template, "assistant").orElse(null), text(template, "prompt").orElse(null));
    }

    /** The variant suffix of a Foundry id names where it runs ({@code -cuda-gpu}, {@code -qnn-npu}, ...). */
    static ModelRuntime runtimeFromName(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        if (n.endsWith("-cuda-gpu")) {
            return new ModelRuntime(DeviceType.GPU, ExecutionProvider.CUDA);
        }
        if (n.endsWith("-generic-gpu")) {
            return new ModelRuntime(DeviceType.GPU, ExecutionProvider.WEBGPU);
        }
        if (n.endsWith("-qnn-npu")) {
            return new ModelRuntime(DeviceType.NPU, ExecutionProvider.QNN);
        }
        if (n.endsWith("-vitis-npu")) {
            return new ModelRuntime(DeviceType.NPU, ExecutionProvider.VITISAI);
        }
        if (n.contains("-openvino-")) {
            DeviceType device = n.endsWith("-npu") ? DeviceType.NPU : n.endsWith("-gpu") ? DeviceType.GPU : DeviceType.CPU;
            return new ModelRuntime(device, ExecutionProvider.OPENVINO);
        }
        return ModelRuntime.CPU;
    }
}
