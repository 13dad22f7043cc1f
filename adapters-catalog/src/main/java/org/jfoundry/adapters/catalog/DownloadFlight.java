package org.jfoundry.adapters.catalog;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.out.DownloadListener;
import org.jfoundry.ports.out.DownloadProgress;

/**
 * One download of one model shared by every caller who asked for it: each caller's listener hears the progress, and
 * the download itself stops only when the last interested caller cancels.
 */
final class DownloadFlight {
    private static final System.Logger LOG = System.getLogger(DownloadFlight.class.getName());

    final CompletableFuture<CachedModel> result = new CompletableFuture<>();
    final CancellationSignal signal = new CancellationSignal();
    private final List<DownloadListener> listeners = new CopyOnWriteArrayList<>();
    private int interested; // guarded by the downloader's flight table

    void join(DownloadListener listener) {
        interested++;
        listeners.add(listener);
    }

    /** Returns true when nobody is left waiting. */
    boolean leave(DownloadListener listener) {
        listeners.remove(listener);
        return --interested == 0;
    }

    void publish(DownloadProgress progress) {
        for (DownloadListener listener : listeners) {
            try {
                listener.onProgress(progress);
            } catch (RuntimeException e) {
                // A broken progress display must not break the download.
                LOG.log(System.Logger.Level.WARNING, "download listener failed: {0}", e.toString());
            }
        }
    }
}
