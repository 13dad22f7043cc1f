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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.jfoundry.ports.failure.DownloadFailedException;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.failure.ModelNotFoundException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.out.DownloadProgress;

/**
 * {@code POST /openai/download}: progress lines ({@code Total 42.5% Downloading model.onnx.data}), then
 * {@code [DONE] All Completed!}, then the JSON result flushed on its own, as the Foundry Local SDKs parse it (a
 * percentage regex over the text, the JSON taken from the first chunk that starts with '{').
 *
 * <p>The download runs on its own thread while the request thread writes progress, so only one thread ever writes
 * the response, and a client that goes away is noticed at the next progress line and cancels the download.
 */
final class DownloadHandler implements Handler {
    private static final long PROGRESS_EVERY_MILLIS = 100;

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

        /** Every piece is flushed at once, so the final JSON always travels as a chunk of its own. */
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
