package org.jfoundry.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jfoundry.ports.out.Scheduler;
import org.junit.jupiter.api.Test;

class SystemClockTest {

    @Test
    void aScheduledTaskRunsOnADaemonThread() throws Exception {
        try (SystemClock clock = new SystemClock()) {
            CompletableFuture<Thread> ranOn = new CompletableFuture<>();

            clock.schedule(Duration.ofMillis(1), () -> ranOn.complete(Thread.currentThread()));

            Thread thread = ranOn.get(30, TimeUnit.SECONDS);
            assertThat(thread.isDaemon()).isTrue();
            assertThat(thread.getName()).startsWith("jfoundry-scheduler-");
        }
    }

    @Test
    void aFailingTaskDoesNotStopLaterTasks() throws Exception {
        try (SystemClock clock = new SystemClock()) {
            CompletableFuture<Boolean> later = new CompletableFuture<>();

            clock.schedule(Duration.ZERO, () -> {
                throw new IllegalStateException("a broken task");
            });
            clock.schedule(Duration.ofMillis(1), () -> later.complete(true));

            assertThat(later.get(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aCancelledTaskNeverRuns() throws Exception {
        try (SystemClock clock = new SystemClock()) {
            AtomicBoolean ran = new AtomicBoolean();
            Scheduler.ScheduledTask task = clock.schedule(Duration.ofMillis(200), () -> ran.set(true));
            task.cancel();
            // A task scheduled after it, and run, proves the cancelled one's time has passed.
            CompletableFuture<Boolean> after = new CompletableFuture<>();
            clock.schedule(Duration.ofMillis(400), () -> after.complete(true));

            assertThat(after.get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(ran).isFalse();
        }
    }

    @Test
    void nanoTimeIsMonotonic() {
        try (SystemClock clock = new SystemClock()) {
            long first = clock.nanoTime();
            assertThat(clock.nanoTime()).isGreaterThanOrEqualTo(first);
        }
    }
}
