package org.jfoundry.adapters.ort.generate;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PromptRunLengthTest {

    @Test
    @DisplayName("a prompt is read in runs of at most the chunk size, none of them a single token unless the prompt is")
    void noPromptRunIsASingleTokenUnlessThePromptIs() {
        for (int most : List.of(BatchScheduler.PREFILL_CHUNK, BatchScheduler.PREFILL_CHUNK_WHILE_STREAMING)) {
            for (int length = 1; length <= 3 * most + 2; length++) {
                List<Integer> runs = runs(length, most);
                int shortest = length == 1 ? 1 : BatchScheduler.MIN_PROMPT_RUN;

                assertThat(runs.stream().mapToInt(Integer::intValue).sum()).isEqualTo(length);
                assertThat(runs).as("prompt of %d, chunks of %d", length, most)
                        .allSatisfy(run -> assertThat(run).isBetween(shortest, most));
            }
        }
    }

    @Test
    @DisplayName("the run before a last single token gives that token one of its own, and full chunks stay full")
    void theRunBeforeALastSingleTokenIsOneShorter() {
        assertThat(runs(129, 128)).containsExactly(127, 2);
        assertThat(runs(256, 128)).containsExactly(128, 128);
        assertThat(runs(2, 128)).containsExactly(2);
    }

    private static List<Integer> runs(int length, int most) {
        List<Integer> runs = new ArrayList<>();
        for (int left = length; left > 0; ) {
            int run = BatchScheduler.promptRunLength(left, most);
            runs.add(run);
            left -= run;
        }
        return runs;
    }
}
