package org.jfoundry.adapters.ort.generate;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StopStringMatcherTest {

    @Test
    void textThatMightStartAStopStringIsHeldUntilItCannot() {
        StopStringMatcher matcher = new StopStringMatcher(List.of("<END>"));

        assertThat(matcher.accept("hello <E")).isEqualTo("hello ");
        assertThat(matcher.accept("ND")).isEmpty();
        assertThat(matcher.accept("-ish")).isEqualTo("<END-ish");
        assertThat(matcher.matched()).isFalse();
    }

    @Test
    void aStopStringSplitOverSeveralChunksIsNeverEmitted() {
        StopStringMatcher matcher = new StopStringMatcher(List.of("STOP"));
        StringBuilder out = new StringBuilder();

        for (String chunk : List.of("go S", "T", "O", "P and more")) {
            out.append(matcher.accept(chunk));
            if (matcher.matched()) {
                break;
            }
        }

        assertThat(matcher.matched()).isTrue();
        assertThat(out).hasToString("go ");
    }

    @Test
    void heldTextThatTurnsOutHarmlessIsReleased() {
        StopStringMatcher matcher = new StopStringMatcher(List.of("abc"));

        assertThat(matcher.accept("xab")).isEqualTo("x");
        assertThat(matcher.accept("d")).isEqualTo("abd");
        assertThat(matcher.accept("a")).isEmpty();
        assertThat(matcher.release()).isEqualTo("a");
    }

    @Test
    void theEarliestOfSeveralStopStringsWins() {
        StopStringMatcher matcher = new StopStringMatcher(List.of("world", "lo"));

        assertThat(matcher.accept("hello world")).isEqualTo("hel");
        assertThat(matcher.matched()).isTrue();
    }

    @Test
    void withoutStopStringsEverythingPassesAtOnce() {
        assertThat(new StopStringMatcher(List.of()).accept("any <text")).isEqualTo("any <text");
    }
}
