package org.jfoundry.adapters.ort.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WindowTokensTest {

    private static final int BEGIN = 100; // the first timestamp token: <|0.00|>

    private static int ts(int step) {
        return BEGIN + step;
    }

    @Test
    void segmentsRunBetweenTimestampPairsAndASingleFinalTimestampEndsTheWindow() {
        WindowTokens.Split split = WindowTokens.split(List.of(ts(0), 5, 6, ts(10), ts(10), 7, ts(20)), BEGIN, 3000);

        assertThat(split.pieces()).containsExactly(
                new WindowTokens.Piece(0, 10, List.of(5, 6)),
                new WindowTokens.Piece(10, 20, List.of(7)));
        assertThat(split.framesConsumed()).isEqualTo(3000);
    }

    @Test
    void aWindowEndingInATimestampPairResumesAtItsLastTimestamp() {
        WindowTokens.Split split = WindowTokens.split(List.of(ts(0), 5, ts(10), ts(12), 6, ts(30), ts(30)), BEGIN,
                3000);

        assertThat(split.pieces()).extracting(WindowTokens.Piece::endStep).containsExactly(10, 30);
        assertThat(split.framesConsumed()).isEqualTo(60);
    }

    @Test
    void speechCutByTheWindowIsLeftForTheNextWindow() {
        WindowTokens.Split split = WindowTokens.split(List.of(ts(0), 5, ts(10), ts(12), 6), BEGIN, 3000);

        assertThat(split.pieces()).containsExactly(new WindowTokens.Piece(0, 10, List.of(5)));
        assertThat(split.framesConsumed()).as("resume at 0.20 s").isEqualTo(20);
    }

    @Test
    void textWithoutTimestampsIsOneSegmentOverTheWholeWindow() {
        WindowTokens.Split split = WindowTokens.split(List.of(5, 6), BEGIN, 840);

        assertThat(split.pieces()).containsExactly(new WindowTokens.Piece(0, 420, List.of(5, 6)));
        assertThat(split.framesConsumed()).isEqualTo(840);
    }

    @Test
    void timestampsWithoutTextGiveNoSegment() {
        WindowTokens.Split split = WindowTokens.split(List.of(ts(0), ts(0)), BEGIN, 3000);

        assertThat(split.pieces()).isEmpty();
        assertThat(split.framesConsumed()).isPositive();
    }
}
