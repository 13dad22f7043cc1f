package org.jfoundry.domain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jfoundry.ports.failure.CancelledException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.out.DownloadListener;
import org.jfoundry.ports.out.DownloadProgress;
import org.jfoundry.ports.out.ModelDownloader;

/**
 * Runs the jobs that write a model into the cache (downloads, imports) so that concurrent requests for one model share
 * one job. Every caller sees the progress; a caller that cancels leaves at once, and the job itself stops when its
 * last caller has left.
 */
final class Downloads {

    /** Writes one model into the cache, reporting progress and honouring the signal. */
    @FunctionalInterface
    interface Job {
        CachedModel run(DownloadListener progress, CancellationSignal cancel);
    }

    private final ModelDownloader downloader;
    private final Map<ModelId, Shared> running = new HashMap<>();

    Downloads(ModelDownloader downloader) {
        this.downloader = downloader;
    }

    private static final class Shared implements DownloadListener {
        final CompletableFuture<CachedModel> result = new CompletableFuture<>();
        final CancellationSignal signal = new CancellationSignal();
        final List<DownloadListener> listeners = new CopyOnWriteArrayList<>();
        int callers;

        @Override
        public void onProgress(DownloadProgress progress) {
            listeners.forEach(l -> l.onProgress(progress));
        }
    }

    synchronized boolean isRunning(ModelId id) {
        return running.containsKey(id);
    }

    CachedModel download(CatalogModel model, DownloadListener listener, CancellationSignal cancel) {
        return share(model.id(), (progress, signal) -> downloader.download(model, progress, signal), listener, cancel);
    }

    /** Runs the job for {@code id}, or joins the one already running for it. */
    CachedModel share(ModelId id, Job job, DownloadListener listener, CancellationSignal cancel) {
        cancel.throwIfCancelled();
        Shared shared;
        boolean owner;
        synchronized (this) {
            shared = running.get(id);
            owner = shared == null;
            if (owner) {
                shared = new Shared();
                running.put(id, shared);
            }
            shared.callers++;
            shared.listeners.add(listener);
        }
        CompletableFuture<CachedModel> mine = new CompletableFuture<>();
        Shared joined = shared;
        joined.result.whenComplete((done, failure) -> {
            if (failure != null) {
                mine.completeExceptionally(failure);
            } else {
                mine.complete(done);
            }
        });
        Runnable unlink = cancel.onCancel(() -> {
            mine.completeExceptionally(new CancelledException(cancel.reason()));
            leave(joined, listener);
        });
        try {
            if (owner) {
                run(id, job, joined);
            }
            Lifecycle.await(mine, cancel);
            return mine.join();
        } finally {
            unlink.run();
            if (!cancel.isCancelled()) {
                leave(joined, listener);
            }
        }
    }

    private void run(ModelId id, Job job, Shared shared) {
        try {
            shared.result.complete(job.run(shared, shared.signal));
        } catch (RuntimeException e) {
            shared.result.completeExceptionally(e);
        } finally {
            synchronized (this) {
                running.remove(id, shared);
            }
        }
    }

    private void leave(Shared shared, DownloadListener listener) {
        boolean last;
        synchronized (this) {
            if (!shared.listeners.remove(listener)) {
                return;
            }
            last = --shared.callers == 0;
        }
        if (last && !shared.result.isDone()) {
            shared.signal.cancel("every caller of the download went away");
        }
    }
}
