package org.jfoundry.ports.out;

import java.time.Duration;

/** Runs a task later (TTL expiry). Tests substitute a scheduler driven by a manual clock. */
public interface Scheduler {

    ScheduledTask schedule(Duration delay, Runnable task);

    /** A pending task; cancelling a task that already ran or was cancelled does nothing. */
    interface ScheduledTask {
        void cancel();
    }
}
