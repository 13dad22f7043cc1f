package org.jfoundry.adapters.catalog;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jfoundry.ports.out.DownloadProgress;

/**
 * Sums bytes over the files of one download and turns them into progress events no more often than the interval,
 * with a smoothed speed. Called from several download threads.
 */
final class ProgressMeter {
    private final long totalBytes;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final Consumer<DownloadProgress> sink;
    private final AtomicLong done = new AtomicLong();
    private volatile String currentFile;
    private volatile long lastEmitNanos;
    private long lastEmitBytes;
    private double bytesPerSecond;

    ProgressMeter(long totalBytes, long intervalNanos, LongSupplier nanoClock, Consumer<DownloadProgress> sink) {
        this.totalBytes = Math.max(0, totalBytes);
        this.intervalNanos = intervalNanos;
        this.nanoClock = nanoClock;
        this.sink = sink;
        this.lastEmitNanos = nanoClock.getAsLong();
    }

    /** Bytes already on disk before this run started count as done but not toward the speed. */
    synchronized void alreadyHave(long bytes) {
        done.addAndGet(bytes);
        lastEmitBytes += bytes;
    }

    /** A file's byte count changed by {@code delta} (negative when a file restarts from zero). */
    void add(String file, long delta) {
        currentFile = file;
        done.addAndGet(delta);
        if (nanoClock.getAsLong() - lastEmitNanos >= intervalNanos) {
            emit(false);
        }
    }

    long doneBytes() {
        return done.get();
    }

    /** The closing event, always sent. */
    void finish() {
        emit(true);
    }

    private void emit(boolean last) {
        DownloadProgress progress;
        synchronized (this) {
            long now = nanoClock.getAsLong();
            long elapsed = now - lastEmitNanos;
            if (!last && elapsed < intervalNanos) {
                return;
            }
            long bytes = done.get();
            if (elapsed > 0) {
                double recent = (bytes - lastEmitBytes) * 1e9 / elapsed;
                bytesPerSecond = bytesPerSecond == 0 ? Math.max(0, recent) : Math.max(0, 0.7 * bytesPerSecond + 0.3 * recent);
            }
            lastEmitNanos = now;
            lastEmitBytes = bytes;
            long total = last && totalBytes == 0 ? bytes : totalBytes;
            progress = new DownloadProgress(currentFile, last ? Math.max(bytes, total) : bytes, total, bytesPerSecond);
        }
        sink.accept(progress);
    }
}
