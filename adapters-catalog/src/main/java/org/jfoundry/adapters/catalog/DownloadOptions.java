package org.jfoundry.adapters.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.ToLongFunction;

/**
 * How downloads behave. The defaults suit real networks; tests shorten the waits and replace the free-space probe.
 *
 * @param parallelFiles      files of one model fetched at once
 * @param maxAttempts        tries per file (and per listing request) before the download fails
 * @param initialBackoff     the wait before the second try; it doubles up to {@code maxBackoff}
 * @param connectTimeout     how long a connection may take to open
 * @param stallTimeout       how long a server may send nothing (headers or body) before the try is abandoned
 * @param progressInterval   the least time between two progress events (the last event always comes)
 * @param freeSpaceProbe     usable bytes on the file system holding the given existing folder
 * @param freeSpaceMargin    bytes that must stay free after the download
 */
public record DownloadOptions(
        int parallelFiles,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration connectTimeout,
        Duration stallTimeout,
        Duration progressInterval,
        ToLongFunction<Path> freeSpaceProbe,
        long freeSpaceMargin) {

    public DownloadOptions {
        if (parallelFiles < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("parallelFiles and maxAttempts must be at least 1");
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(stallTimeout, "stallTimeout");
        Objects.requireNonNull(progressInterval, "progressInterval");
        Objects.requireNonNull(freeSpaceProbe, "freeSpaceProbe");
        if (freeSpaceMargin < 0) {
            throw new IllegalArgumentException("freeSpaceMargin must not be negative");
        }
    }

    public static DownloadOptions defaults() {
        return new DownloadOptions(4, 5, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(15),
                Duration.ofSeconds(60), Duration.ofMillis(250), DownloadOptions::usableSpace, 64L << 20);
    }

    public DownloadOptions withRetries(int newMaxAttempts, Duration newInitialBackoff, Duration newMaxBackoff) {
        return new DownloadOptions(parallelFiles, newMaxAttempts, newInitialBackoff, newMaxBackoff, connectTimeout,
                stallTimeout, progressInterval, freeSpaceProbe, freeSpaceMargin);
    }

    public DownloadOptions withTimeouts(Duration newConnectTimeout, Duration newStallTimeout) {
        return new DownloadOptions(parallelFiles, maxAttempts, initialBackoff, maxBackoff, newConnectTimeout,
                newStallTimeout, progressInterval, freeSpaceProbe, freeSpaceMargin);
    }

    public DownloadOptions withParallelFiles(int newParallelFiles) {
        return new DownloadOptions(newParallelFiles, maxAttempts, initialBackoff, maxBackoff, connectTimeout,
                stallTimeout, progressInterval, freeSpaceProbe, freeSpaceMargin);
    }

    public DownloadOptions withProgressInterval(Duration newProgressInterval) {
        return new DownloadOptions(parallelFiles, maxAttempts, initialBackoff, maxBackoff, connectTimeout,
                stallTimeout, newProgressInterval, freeSpaceProbe, freeSpaceMargin);
    }

    public DownloadOptions withFreeSpace(ToLongFunction<Path> newProbe, long newMargin) {
        return new DownloadOptions(parallelFiles, maxAttempts, initialBackoff, maxBackoff, connectTimeout,
                stallTimeout, progressInterval, newProbe, newMargin);
    }

    Backoff backoff() {
        return new Backoff(initialBackoff, maxBackoff);
    }

    /** Usable bytes of the file store holding the folder (or its nearest existing parent). */
    static long usableSpace(Path folder) {
        Path existing = folder.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return Long.MAX_VALUE;
        }
        try {
            return Files.getFileStore(existing).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
