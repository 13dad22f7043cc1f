package org.jfoundry.domain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
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
 * one job. The only place that does: the downloader and importer behind the ports handle one call at a time per
 * model. Every caller sees the progress; a caller that cancels leaves at once, and the job itself stops when its last
 * caller has left. A job runs on a thread of its own, so no caller's thread is held by a job it has left.
 */
final class Downloads {
    private static final System.Logger LOG = System.getLogger(Downloads.class.getName());
    // Platform threads: an import converts weights for minutes, which would hold a virtual thread's carrier.
    private static final ThreadFactory JOBS = Thread.ofPlatform().daemon().name("jfoundry-download-", 1).factory();

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
        int callers; // guarded by Downloads.this

        @Override
        public void onProgress(DownloadProgress progress) {
            for (DownloadListener listener : listeners) {
                try {
                    listener.onProgress(progress);
                } catch (RuntimeException e) {
                    // One caller's broken progress display must not break the job the others wait for.
                    LOG.log(System.Logger.Level.WARNING, "download listener failed: {0}", e.toString());
                }
            }
        }
    }

    /** True from a job's start until it has ended, including while one every caller left winds down. */
    synchronized boolean isRunning(ModelId id) {
        return running.containsKey(id);
    }

    CachedModel download(CatalogModel model, DownloadListener listener, CancellationSignal cancel) {
        return share(model.id(), (progress, signal) -> downloader.download(model, progress, signal), listener, cancel);
    }

    /** Runs the job for {@code id}, or joins the one already running for it. */
    CachedModel share(ModelId id, Job job, DownloadListener listener, CancellationSignal cancel) {
        cancel.throwIfCancelled();
        Shared shared = join(id, job, listener);
        CompletableFuture<CachedModel> mine = new CompletableFuture<>();
        shared.result.whenComplete((done, failure) -> {
            if (failure != null) {
                mine.completeExceptionally(failure);
            } else {
                mine.complete(done);
            }
        });
        Runnable unlink = cancel.onCancel(() -> mine.completeExceptionally(new CancelledException(cancel.reason())));
        try {
            Lifecycle.await(mine, cancel);
            return mine.join();
        } finally {
            unlink.run();
            leave(id, shared, listener);
        }
    }

    private synchronized Shared join(ModelId id, Job job, DownloadListener listener) {
        Shared current = running.get(id);
        if (current != null && !current.signal.isCancelled()) {
            current.callers++;
            current.listeners.add(listener);
            return current;
        }
        // A job every caller left may still be winding down on the same files; the next one starts after it ends.
        CompletableFuture<?> previous = current == null ? CompletableFuture.completedFuture(null)
                : current.result.handle((done, failure) -> null);
        Shared fresh = new Shared();
        running.put(id, fresh);
        // The caller joins before the job can start, so it hears the job from its first progress on.
        fresh.callers++;
        fresh.listeners.add(listener);
        previous.whenComplete((ignored, failure) -> JOBS.newThread(() -> run(id, job, fresh)).start());
        return fresh;
    }

    private void run(ModelId id, Job job, Shared shared) {
        CachedModel done = null;
        Throwable failure = null;
        try {
            shared.signal.throwIfCancelled();
            done = job.run(shared, shared.signal);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        // Forgotten before the callers hear of it: a caller that goes on to remove the model must not find it running.
        synchronized (this) {
            running.remove(id, shared);
        }
        if (failure != null) {
            shared.result.completeExceptionally(failure);
        } else {
            shared.result.complete(done);
        }
    }

    private void leave(ModelId id, Shared shared, DownloadListener listener) {
        boolean last;
        synchronized (this) {
            if (!shared.listeners.remove(listener)) {
                return;
            }
            last = --shared.callers == 0;
        }
        if (last && !shared.result.isDone()) {
            shared.signal.cancel("every caller of the download of " + id + " went away");
        }
    }
}
