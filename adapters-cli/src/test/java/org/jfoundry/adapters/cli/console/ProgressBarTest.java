package org.jfoundry.adapters.cli.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    static final long SECOND = 1_000_000_000L;

    @Test
    void aBarShowsPercentTimeRemainingAndSpeed() {
        AtomicLong now = new AtomicLong(0);
        ProgressBar bar = new ProgressBar(new PrintWriter(new StringWriter()), true, 100L * 1024 * 1024, now::get);
        now.set(10 * SECOND);
        // 40 % of 100 MB in 10 s: 4 MB/s, and 15 s for the remaining 60 %.
        assertThat(bar.render(40)).isEqualTo("[############..................] 40.00 % [Time remaining: about 15s]  4.0 MB/s");
    }

    @Test
    void withoutATotalSizeThereIsNoSpeed() {
        AtomicLong now = new AtomicLong(0);
        ProgressBar bar = new ProgressBar(new PrintWriter(new StringWriter()), true, 0, now::get);
        now.set(90 * SECOND);
        assertThat(bar.render(50)).isEqualTo("[###############...............] 50.00 % [Time remaining: about 1m 30s]");
    }

    @Test
    void plainOutputPrintsOneLinePerTenth() {
        StringWriter text = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(text), false, 0, () -> 0);
        for (double p = 0; p <= 100; p += 2.5) {
            bar.update(p);
        }
        bar.finish();
        assertThat(text.toString().lines()).hasSize(11).first().isEqualTo("0.00 %");
        assertThat(text.toString()).doesNotContain("\r");
    }

    @Test
    void durationsReadNaturally() {
        assertThat(ProgressBar.duration(4.4)).isEqualTo("4s");
        assertThat(ProgressBar.duration(125)).isEqualTo("2m 5s");
        assertThat(ProgressBar.duration(7300)).isEqualTo("2h 1m");
    }
}
