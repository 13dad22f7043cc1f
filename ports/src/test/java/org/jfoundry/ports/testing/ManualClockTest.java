package org.jfoundry.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jfoundry.ports.out.Scheduler;
import org.junit.jupiter.api.Test;

class ManualClockTest {

    private final ManualClock clock = new ManualClock();
    private final List<String> ran = new CopyOnWriteArrayList<>();

    @Test
    void tasksRunInDueOrderOnlyWhenTimeReachesThem() {
        clock.schedule(Duration.ofSeconds(20), () -> ran.add("late"));
        clock.schedule(Duration.ofSeconds(10), () -> ran.add("early"));
        clock.advance(Duration.ofSeconds(9));
        assertThat(ran).isEmpty();
        clock.advance(Duration.ofSeconds(11));
        assertThat(ran).containsExactly("early", "late");
        assertThat(clock.now()).isEqualTo(ManualClock.DEFAULT_START.plusSeconds(20));
    }

    @Test
    void aCancelledTaskNeverRuns() {
        Scheduler.ScheduledTask task = clock.schedule(Duration.ofSeconds(1), () -> ran.add("cancelled"));
        task.cancel();
        clock.advance(Duration.ofSeconds(5));
        assertThat(ran).isEmpty();
        assertThat(clock.pendingTasks()).isZero();
    }

    @Test
    void aTaskSeesTheTimeItWasDue() {
        clock.schedule(Duration.ofSeconds(3), () -> ran.add(clock.now().toString()));
        clock.advance(Duration.ofSeconds(10));
        assertThat(ran).containsExactly(ManualClock.DEFAULT_START.plusSeconds(3).toString());
    }
}
