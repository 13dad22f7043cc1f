package org.jfoundry.adapters.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jfoundry.ports.out.DownloadProgress;
import org.junit.jupiter.api.Test;

class ProgressMeterTest {
    private static final long MILLI = 1_000_000;
    private final AtomicLong now = new AtomicLong();
    private final List<DownloadProgress> events = new ArrayList<>();

    @Test
    void eventsComeNoMoreOftenThanTheIntervalAndTheLastAlways() {
        ProgressMeter meter = new ProgressMeter(1000, 100 * MILLI, now::get, events::add);

        meter.add("a", 100);
        now.addAndGet(50 * MILLI);
        meter.add("a", 100);
        now.addAndGet(60 * MILLI);
        meter.add("b", 100);
        meter.add("b", 700);
        meter.finish();

        assertThat(events).hasSize(2);
        assertThat(events.getFirst().doneBytes()).isEqualTo(300);
        assertThat(events.getFirst().currentFile()).isEqualTo("b");
        assertThat(events.getLast().doneBytes()).isEqualTo(1000);
        assertThat(events.getLast().percent()).isEqualTo(100.0);
    }

    @Test
    void speedCountsBytesFetchedNowButNotBytesAlreadyOnDisk() {
        ProgressMeter meter = new ProgressMeter(10_000, 100 * MILLI, now::get, events::add);
        meter.alreadyHave(5_000);

        now.addAndGet(1000 * MILLI);
        meter.add("a", 1_000);

        assertThat(events.getLast().bytesPerSecond()).isCloseTo(1_000, within(1.0));
        assertThat(events.getLast().percent()).isEqualTo(60.0);
    }

    @Test
    void aFileStartingOverLowersTheDoneBytes() {
        ProgressMeter meter = new ProgressMeter(1000, 0, now::get, events::add);

        meter.add("a", 400);
        now.addAndGet(MILLI);
        meter.add("a", -400);

        assertThat(events.getLast().doneBytes()).isZero();
        assertThat(events.getLast().bytesPerSecond()).isNotNegative();
    }
}
