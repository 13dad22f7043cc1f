package org.jfoundry.adapters.ort.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimestampRulesTest {

    private static final int EOT = 10;
    private static final int BEGIN = 17;
    private static final int VOCAB = 80;
    private static final WhisperSettings SETTINGS = new WhisperSettings(80, 6, 64, 4, VOCAB, 448, false, EOT, 11,
            12, 13, 14, 16, BEGIN, 15, Map.of(), new int[] {1}, new int[] {3, EOT});
    private final TimestampRules rules = new TimestampRules(SETTINGS);

    /** Text tokens a little likelier than timestamps, so the probability rule does not decide alone. */
    private static float[] logits() {
        float[] logits = new float[VOCAB];
        Arrays.fill(logits, 0, BEGIN, 5f);
        Arrays.fill(logits, BEGIN, VOCAB, -5f);
        return logits;
    }

    private float[] after(Integer... sampled) {
        float[] logits = logits();
        rules.apply(logits, List.of(sampled));
        return logits;
    }

    private static boolean allowed(float[] logits, int token) {
        return logits[token] != Float.NEGATIVE_INFINITY;
    }

    @Test
    void theFirstTokenIsATimestampOfAtMostOneSecond() {
        float[] logits = after();

        for (int token = 0; token < BEGIN; token++) {
            assertThat(allowed(logits, token)).as("token %d", token).isFalse();
        }
        assertThat(allowed(logits, BEGIN)).isTrue();
        assertThat(allowed(logits, BEGIN + 50)).isTrue();
        assertThat(allowed(logits, BEGIN + 51)).isFalse();
    }

    @Test
    void specialAndSuppressedTokensNeverComeOut() {
        float[] logits = after(BEGIN, 5);

        for (int token : new int[] {1, 11, 12, 13, 14, 15, 16}) {
            assertThat(allowed(logits, token)).as("token %d", token).isFalse();
        }
        assertThat(allowed(logits, 3)).as("suppressed only at the start").isTrue();
        assertThat(allowed(logits, EOT)).isTrue();
    }

    @Test
    void afterTextTimestampsMustMoveForward() {
        float[] logits = after(BEGIN + 4, 5);

        assertThat(allowed(logits, BEGIN + 4)).isFalse();
        assertThat(allowed(logits, BEGIN + 5)).isTrue();
    }

    @Test
    void aSegmentsClosingTimestampIsFollowedByAnotherTimestampOrTheEnd() {
        float[] logits = after(BEGIN, 5, BEGIN + 20);

        assertThat(allowed(logits, 5)).isFalse();
        assertThat(allowed(logits, EOT)).isTrue();
        assertThat(allowed(logits, BEGIN + 20)).as("the next segment may start where this one ended").isTrue();
        assertThat(allowed(logits, BEGIN + 19)).isFalse();
    }

    @Test
    void afterATimestampPairComesTextNotAThirdTimestamp() {
        float[] logits = after(BEGIN, 5, BEGIN + 20, BEGIN + 20);

        assertThat(allowed(logits, 5)).isTrue();
        for (int token = BEGIN; token < VOCAB; token++) {
            assertThat(allowed(logits, token)).as("token %d", token).isFalse();
        }
    }

    @Test
    void timestampsTogetherLikelierThanAnyTextTokenForceATimestamp() {
        float[] logits = logits();
        Arrays.fill(logits, BEGIN, VOCAB, 4f); // each less likely than a text token, together far likelier
        rules.apply(logits, List.of(BEGIN, 5));

        assertThat(allowed(logits, 5)).isFalse();
        assertThat(allowed(logits, BEGIN + 30)).isTrue();
    }
}
