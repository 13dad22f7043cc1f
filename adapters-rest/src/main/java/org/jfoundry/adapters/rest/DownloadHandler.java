package org.jfoundry.adapters.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.jfoundry.ports.failure.DownloadFailedException;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.DeviceType;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.model.ModelRuntime;
import org.jfoundry.ports.model.PromptTemplate;
import org.jfoundry.ports.out.DownloadProgress;

/**
 * {@code POST /openai/download}: progress lines ({@code Total 42.5% Downloading model.onnx.data}), then
 * {@code [DONE] All Completed!}, then the JSON result, as the Foundry Local SDKs parse it (a percentage regex over
 * the text, the JSON taken only from a read that starts with '{').
 *
 * <p>Flushing the JSON on its own is not enough for that: on a quick download (a small model, a mirror, loopback)
 * the last lines and the JSON reach the client together and its one read starts with "Total", so the npm SDK throws
 * "No JSON data received!". A short pause before the JSON ({@link #RESULT_PAUSE}, once per download) lets the client
 * read what came before, so the JSON arrives as a read of its own.
 *
 * <p>The download runs on its own thread while the request thread writes progress, so only one thread ever writes
 * the response, and a client that goes away is noticed at the next progress line and cancels the download.
 */
final class DownloadHandler implements Handler {
    private static final long PROGRESS_EVERY_MILLIS = 100;
    static final Duration RESULT_PAUSE = Duration.ofMillis(200);

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
        CompletableFuture<Void> download = CompletableFuture.runAsync(() -> {
            if (target.entry() != null) {
                ctx.service().download(target.entry(), latest::set, cancel);
            } else {
                ctx.service().download(target.name(), latest::set, cancel);
            }
        }, runnable -> Thread.ofVirtual().name("download-" + target.name()).start(runnable));
        new ProgressWriter(res, target.name()).run(download, latest, cancel);
    }

    private final class ProgressWriter {
        private final ServerResponse res;
        private final String modelName;
        private OutputStream out;
        private DownloadProgress written;
        private boolean wroteHundred;
        private long lastWriteNanos = System.nanoTime();

        ProgressWriter(ServerResponse res, String modelName) {
            this.res = res;
            this.modelName = modelName;
        }

        void run(CompletableFuture<Void> download, AtomicReference<DownloadProgress> latest, CancellationSignal cancel) {
            try {
                while (!download.isDone()) {
                    awaitQuietly(download);
                    writeProgress(latest.get());
                    repeatWhenQuiet();
                }
                download.get();
                writeProgress(latest.get());
                if (!wroteHundred) {
                    line("Total 100% Downloading " + fileName(latest.get()));
                }
                line("[DONE] All Completed!");
                result(true, null);
            } catch (ExecutionException failed) {
                RuntimeException cause = failed.getCause() instanceof RuntimeException r ? r
                        : new DownloadFailedException("the download failed", failed.getCause());
                if (out == null && !(cause instanceof DownloadFailedException)) {
                    // Nothing sent yet: an unknown model or a bad request still gets its own status.
                    throw cause;
                }
                result(false, cause.getMessage());
            } catch (UncheckedIOException | io.helidon.webserver.ServerConnectionException clientGone) {
                cancel.cancel("the client disconnected");
                ctx.metrics().clientGone();
            } catch (InterruptedException interrupted) {
                cancel.cancel("the service is stopping");
                Thread.currentThread().interrupt();
            }
        }

        private void writeProgress(DownloadProgress progress) {
            if (progress == null || progress.equals(written)) {
                return;
            }
            written = progress;
            String percent = new BigDecimal(progress.percent()).setScale(2, RoundingMode.DOWN).stripTrailingZeros()
                    .toPlainString();
            wroteHundred = progress.percent() >= 100;
            line("Total " + percent + "% Downloading " + fileName(progress));
        }

        /**
         * Repeats the last line while the download stalls: the SDKs read it as the same percentage, and writing is
         * the only way to notice that the client went away.
         */
        private void repeatWhenQuiet() {
            if (written != null && System.nanoTime() - lastWriteNanos >= ctx.settings().heartbeat().toNanos()) {
                DownloadProgress again = written;
                written = null;
                writeProgress(again);
            }
        }

        private String fileName(DownloadProgress progress) {
            return progress == null || progress.currentFile() == null ? modelName : progress.currentFile();
        }

        private void line(String text) {
            // A file name could start a line with '{' only after the "Total" prefix, so no progress line does.
            write(text + "\n");
        }

        private void result(boolean success, String errorMessage) {
            if (out != null) {
                pauseBeforeTheResult();
            }
            ObjectNode json = Json.object();
            json.put("success", success);
            json.put("errorMessage", errorMessage);
            write(Json.write(json));
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void pauseBeforeTheResult() {
            try {
                Thread.sleep(RESULT_PAUSE);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt(); // the result is still written: the download is over
            }
        }

        /** Every piece is flushed at once. */
        private void write(String text) {
            try {
                if (out == null) {
                    res.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
                    out = res.outputStream();
                }
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.flush();
                lastWriteNanos = System.nanoTime();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void awaitQuietly(CompletableFuture<Void> download) throws InterruptedException {
            try {
                download.get(PROGRESS_EVERY_MILLIS, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException notYet) {
                // The loop reads the outcome once the download is done.
            }
        }
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
