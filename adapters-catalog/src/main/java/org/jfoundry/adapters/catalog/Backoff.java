package org.jfoundry.adapters.catalog;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jfoundry.ports.failure.CancelledException;
import org.jfoundry.ports.inference.CancellationSignal;

/** Exponential backoff between attempts, with a wait that a cancellation ends at once. */
record Backoff(Duration initial, Duration max) {

    Duration delayBefore(int attempt) {
        long millis = initial.toMillis() << Math.min(20, Math.max(0, attempt - 2));
        return Duration.ofMillis(Math.min(max.toMillis(), millis));
    }

    /** Waits before attempt number {@code attempt} (2 and up); throws {@link CancelledException} when cancelled. */
    void pause(int attempt, CancellationSignal cancel) {
        pause(delayBefore(attempt), cancel);
    }

    /** As {@link #pause(int, CancellationSignal)}, but at least as long as the server asked, within {@code max}. */
    void pause(int attempt, Exception lastFailure, CancellationSignal cancel) {
        Duration delay = delayBefore(attempt);
        if (lastFailure instanceof HttpStatusFailure status && status.retryAfter().compareTo(delay) > 0) {
            delay = status.retryAfter().compareTo(max) > 0 ? max : status.retryAfter();
        }
        pause(delay, cancel);
    }

    static void pause(Duration delay, CancellationSignal cancel) {
        CountDownLatch woken = new CountDownLatch(1);
        Runnable unregister = cancel.onCancel(woken::countDown);
        try {
            if (woken.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
                cancel.throwIfCancelled();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException("interrupted while waiting to retry");
        } finally {
            unregister.run();
        }
    }
}
