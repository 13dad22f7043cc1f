package org.jfoundry.ports.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.PriorityQueue;
import org.jfoundry.ports.out.Clock;
import org.jfoundry.ports.out.Scheduler;

/**
 * Time that moves only when a test calls {@link #advance(Duration)}. Scheduled tasks run on the advancing thread, in
 * order of due time (then of scheduling), each with the clock set to its due time; a task scheduled by a task runs in
 * the same advance when it falls due within it. Thread-safe.
 */
public final class ManualClock implements Clock, Scheduler {

    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

    private final Instant start;
    private long elapsedNanos;
    private long sequence;
    private final PriorityQueue<Task> tasks = new PriorityQueue<>(
            Comparator.comparingLong((Task t) -> t.dueNanos).thenComparingLong(t -> t.order));

    public ManualClock() {
        this(DEFAULT_START);
    }

    public ManualClock(Instant start) {
        this.start = Objects.requireNonNull(start, "start");
    }

    @Override
    public synchronized Instant now() {
        return start.plusNanos(elapsedNanos);
    }

    @Override
    public synchronized long nanoTime() {
        return elapsedNanos;
    }

    @Override
    public synchronized ScheduledTask schedule(Duration delay, Runnable task) {
        Objects.requireNonNull(task, "task");
        long dueNanos = elapsedNanos + Math.max(0, delay.toNanos());
        Task scheduled = new Task(dueNanos, sequence++, task);
        tasks.add(scheduled);
        return scheduled;
    }

    /** Moves time forward, running every task that falls due on the way. */
    public void advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("time does not go back");
        }
        long target;
        synchronized (this) {
            target = elapsedNanos + amount.toNanos();
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.dueNanos > target) {
                    elapsedNanos = target;
                    return;
                }
                tasks.poll();
                elapsedNanos = Math.max(elapsedNanos, next.dueNanos);
            }
            // Outside the lock: a task may schedule or cancel other tasks, or read the time.
            next.action.run();
        }
    }

    /** Tasks scheduled and not yet run or cancelled. */
    public synchronized int pendingTasks() {
        return tasks.size();
    }

    /** Time until the earliest pending task, or null when none is pending. */
    public synchronized Duration untilNextTask() {
        Task next = tasks.peek();
        return next == null ? null : Duration.ofNanos(next.dueNanos - elapsedNanos);
    }

    private final class Task implements ScheduledTask {
        final long dueNanos;
        final long order;
        final Runnable action;

        Task(long dueNanos, long order, Runnable action) {
            this.dueNanos = dueNanos;
            this.order = order;
            this.action = action;
        }

        @Override
        public void cancel() {
            synchronized (ManualClock.this) {
                tasks.remove(this);
            }
        }
    }
}
