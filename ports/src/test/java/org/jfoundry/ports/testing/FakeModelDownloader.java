package org.jfoundry.ports.testing;

import java.nio.file.Files;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.jfoundry.ports.failure.DownloadFailedException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.out.DownloadListener;
import org.jfoundry.ports.out.DownloadProgress;
import org.jfoundry.ports.out.ModelDownloader;
import org.jfoundry.ports.out.ModelImport;
import org.jfoundry.ports.out.ModelImporter;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.model.ModelRuntime;

/**
 * "Downloads" by adding the model to a {@link FakeModelStore} (and, when the store's cache directory exists, writing a
 * real folder with {@link ModelFolders}). Reports 0, 50 and 100 percent. Can be held at a gate, made to fail, and
 * counts calls per model. Imports go the same way, refusing a source file that does not exist. Thread-safe.
 */
public final class FakeModelDownloader implements ModelDownloader, ModelImporter {

    private final FakeModelStore store;
    private final FakeInferenceEngine.Gate gate = new FakeInferenceEngine.Gate();
    private volatile String failure;
    private final Map<ModelId, AtomicInteger> calls = new ConcurrentHashMap<>();

    public FakeModelDownloader(FakeModelStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Makes later downloads fail with {@link DownloadFailedException}; null succeeds again. */
    public FakeModelDownloader failWith(String reason) {
        failure = reason;
        return this;
    }

    /** Downloads wait after reporting 50 % until {@link #release()}; cancellation still ends them. */
    public FakeModelDownloader hold() {
        gate.close();
        return this;
    }

    public FakeModelDownloader release() {
        gate.open();
        return this;
    }

    public boolean awaitHeld(int count, java.time.Duration timeout) {
        return gate.awaitWaiting(count, timeout);
    }

    public int callCount(ModelId id) {
        AtomicInteger count = calls.get(id);
        return count == null ? 0 : count.get();
    }

    @Override
    public CachedModel download(CatalogModel model, DownloadListener listener, CancellationSignal cancel) {
        calls.computeIfAbsent(model.id(), id -> new AtomicInteger()).incrementAndGet();
        long total = Math.max(1, model.fileSizeMb()) * 1024 * 1024;
        listener.onProgress(new DownloadProgress("model.onnx", 0, total, 0));
        CountDownLatch cancelled = new CountDownLatch(1);
        Runnable deregister = cancel.onCancel(cancelled::countDown);
        try {
            if (!gate.pass(cancelled)) {
                cancel.throwIfCancelled();
            }
            listener.onProgress(new DownloadProgress("model.onnx", total / 2, total, 1e6));
            cancel.throwIfCancelled();
            String reason = failure;
            if (reason != null) {
                throw new DownloadFailedException("fake download of " + model.id() + " failed: " + reason);
            }
            CachedModel cached = Files.isDirectory(store.cacheDirectory())
                    ? ModelFolders.create(store.cacheDirectory(), model.id().toString(), model.alias(), model.task(), total)
                    : new CachedModel(model.id(), model.alias(),
                            ModelFolders.folderFor(store.cacheDirectory(), ModelFolders.PUBLISHER, model.id()), total,
                            model.task(), model.promptTemplate());
            store.add(cached);
            listener.onProgress(new DownloadProgress("model.onnx", total, total, 1e6));
            return cached;
        } finally {
            deregister.run();
        }
    }

    @Override
    public CachedModel importModel(ModelImport request, DownloadListener listener, CancellationSignal cancel) {
        if (!Files.isRegularFile(request.source())) {
            throw new InvalidRequestException("cannot read " + request.source() + ": no such file", "path");
        }
        return download(CatalogModel.of(request.id(), request.alias(), request.source().toUri().toString(),
                ModelRuntime.CPU, "chat-completion"), listener, cancel);
    }
}
