package org.jfoundry.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jfoundry.ports.out.Clock;
import org.jfoundry.ports.out.Scheduler;

/**
 * The wall clock and a scheduler on one daemon thread, for production. Daemon, so a pending TTL never keeps the JVM
 * alive; tasks must be short (they are: a TTL expiry closes one model).
 */
public final class SystemClock implements Clock, Scheduler, AutoCloseable {

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final ScheduledThreadPoolExecutor executor;

    public SystemClock() {
        int instance = INSTANCES.incrementAndGet();
        executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "jfoundry-scheduler-" + instance);
            thread.setDaemon(true);
            return thread;
        });
        // Cancelled TTL timers are frequent (every request restarts one); drop them at once instead of at their due time.
        executor.setRemoveOnCancelPolicy(true);
    }

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public ScheduledTask schedule(Duration delay, Runnable task) {
        Objects.requireNonNull(task, "task");
        ScheduledFuture<?> future = executor.schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                // A failing task must not kill the only scheduler thread; report it where uncaught errors go.
                Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), e);
            }
        }, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
