package org.jfoundry.ports.out;

/** Receives download progress; called from download threads, so implementations must be thread-safe. */
@FunctionalInterface
public interface DownloadListener {
    void onProgress(DownloadProgress progress);

    DownloadListener IGNORE = progress -> { };
}
