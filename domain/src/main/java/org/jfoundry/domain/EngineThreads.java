package org.jfoundry.domain;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;

/**
 * Runs engine calls on platform threads. An engine computes in native code and does not block between tokens, so on
 * a virtual thread it would hold its carrier for the whole generation; with one carrier per core, the requests beyond
 * the core count would then wait unseen (before admission, their clocks not started) although the concurrency limit
 * lets them run. The caller waits until the call ends, so a lease is never released under a running engine.
 */
final class EngineThreads {

    private static final ThreadFactory PLATFORM = Thread.ofPlatform().daemon().name("jfoundry-engine-", 1).factory();

    private EngineThreads() {
    }

    /** The work's result or its failure; on a platform thread the work runs right there. */
    static <T> T run(Supplier<T> work) {
        if (!Thread.currentThread().isVirtual()) {
            return work.get();
        }
        FutureTask<T> task = new FutureTask<>(work::get);
        PLATFORM.newThread(task).start();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    // Cancellation goes through the request's signal; the engine's thread must end before we return.
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw rethrown(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException("engine call failed", cause);
    }
}
