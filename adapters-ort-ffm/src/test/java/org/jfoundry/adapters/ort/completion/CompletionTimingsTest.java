package org.jfoundry.adapters.ort.completion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.jfoundry.ports.inference.Timings;
import org.junit.jupiter.api.Test;

class CompletionTimingsTest {

    private static final long MS = 1_000_000;

    @Test
    void theDecodeRateCountsTheTokensAfterTheFirstOverTheTimeAfterIt() {
        Timings timings = CompletionTimings.decoding(300 * MS, 1_300 * MS, 11);

        assertThat(timings.tokensPerSecond()).isEqualTo(10.0);
    }

    @Test
    void theTimeToFirstTokenAndTheTotalAreLeftToTheCore() {
        Timings timings = CompletionTimings.decoding(300 * MS, 1_300 * MS, 11);

        assertThat(timings.timeToFirstToken()).isEqualTo(Duration.ZERO);
        assertThat(timings.total()).isEqualTo(Duration.ZERO);
    }

    @Test
    void withOneTokenOrNoTimeAfterItThereIsNoDecodeRate() {
        assertThat(CompletionTimings.decoding(5 * MS, 9 * MS, 1).tokensPerSecond()).isZero();
        assertThat(CompletionTimings.decoding(5 * MS, 5 * MS, 3).tokensPerSecond()).isZero();
    }
}
