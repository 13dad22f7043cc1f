package org.jfoundry.adapters.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.jfoundry.ports.failure.DownloadFailedException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.out.DownloadProgress;

/**
 * A long job's progress as Foundry Local writes it for downloads: lines {@code Total 42.5% Downloading model.onnx.data},
 * then {@code [DONE] All Completed!}, then the JSON outcome flushed on its own.
 *
 * <p>The job runs on its own thread while the request thread writes progress, so only one thread ever writes the
 * response, and a client that goes away is noticed at the next progress line and cancels the job.
 */
final class ProgressResponse {
    private static final long PROGRESS_EVERY_MILLIS = 100;

    private final ApiContext ctx;
    private final ServerResponse res;
    private final String modelName;
    private final String verb;
    private OutputStream out;
    private DownloadProgress written;
    private boolean wroteHundred;
    private long lastWriteNanos = System.nanoTime();

    ProgressResponse(ApiContext ctx, ServerResponse res, String modelName, String verb) {
        this.ctx = ctx;
        this.res = res;
        this.modelName = modelName;
        this.verb = verb;
    }

    /**
     * Writes progress until the job ends, then the outcome; {@code describe} adds to a success's JSON. A job that
     * fails before anything was written (a bad request, an unknown model) is thrown, to be answered with its
     * own status.
     */
    <T> void run(CompletableFuture<T> download, AtomicReference<DownloadProgress> latest, CancellationSignal cancel,
                 BiConsumer<T, ObjectNode> describe) {
        try {
            while (!download.isDone()) {
                awaitQuietly(download);
                writeProgress(latest.get());
                repeatWhenQuiet();
            }
            T done = download.get();
            writeProgress(latest.get());
            if (!wroteHundred) {
                line("Total 100% " + verb + " " + fileName(latest.get()));
            }
            line("[DONE] All Completed!");
            ObjectNode json = outcome(true, null);
            describe.accept(done, json);
            finish(json);
        } catch (ExecutionException failed) {
            RuntimeException cause = failed.getCause() instanceof RuntimeException r ? r
                    : new DownloadFailedException("the download failed", failed.getCause());
            if (out == null && !(cause instanceof DownloadFailedException)) {
                // Nothing sent yet: an unknown model or a bad request still gets its own status.
                throw cause;
            }
            finish(outcome(false, cause.getMessage()));
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
        line("Total " + percent + "% " + verb + " " + fileName(progress));
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

    private static ObjectNode outcome(boolean success, String errorMessage) {
        ObjectNode json = Json.object();
        json.put("success", success);
        json.put("errorMessage", errorMessage);
        return json;
    }

    private void finish(ObjectNode json) {
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

    private void awaitQuietly(CompletableFuture<?> download) throws InterruptedException {
        try {
            download.get(PROGRESS_EVERY_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException notYet) {
            // The loop reads the outcome once the download is done.
        }
    }
}
