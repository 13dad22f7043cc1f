package org.jfoundry.adapters.ort.completion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The tests of the Java loop's StopStringMatcher and of GenAI's former StopStringScanner, together. */
class StopStringMatcherTest {

    @Test
    void textThatCannotStartAStopStringPassesAtOnce() {
        StopStringMatcher matcher = new StopStringMatcher(List.of("END"));

        assertThat(matcher.accept("hello ")).isEqualTo("hello ");
        assertThat(matcher.matched()).isFalse();
    }

    @Test
    void textThatMightStartAStopStringIsHeldUntilItCannot() {
        StopStringMatcher matcher = new StopStringMatcher(List.of("<END>"));

        assertThat(matcher.accept("hello <E")).isEqualTo("hello ");
        assertThat(matcher.accept("ND")).isEmpty();
        assertThat(matcher.accept("-ish")).isEqualTo("<END-ish");
        assertThat(matcher.matched()).isFalse();
    }

    @Test
    void aPossibleStartIsHeldBackUntilTheNextChunkDecides() {
        StopStringMatcher matcher = new StopStringMatcher(List.of("END"));

        assertThat(matcher.accept("fin E")).isEqualTo("fin ");
        assertThat(matcher.accept("N")).isEmpty();
        assertThat(matcher.accept("ough")).isEqualTo("ENough");
    }

    @Test
    void aStopStringSplitAcrossTwoChunksCutsTheTextBeforeIt() {
        StopStringMatcher matcher = new StopStringMatcher(List.of("<stop>"));

        assertThat(matcher.accept("one <st")).isEqualTo("one ");
        assertThat(matcher.accept("op> two")).isEmpty();
        assertThat(matcher.matched()).isTrue();
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
    void heldBackTextIsReleasedWhenGenerationEndsWithoutAStop() {
        StopStringMatcher matcher = new StopStringMatcher(List.of("END"));
        matcher.accept("the E");

        assertThat(matcher.release()).isEqualTo("E");
        assertThat(matcher.release()).as("released once").isEmpty();
    }

    @Test
    void theEarliestOfSeveralStopStringsWinsWhicheverIsListedFirst() {
        StopStringMatcher overlapping = new StopStringMatcher(List.of("world", "lo"));
        StopStringMatcher apart = new StopStringMatcher(List.of("zz", "b"));

        assertThat(overlapping.accept("hello world")).isEqualTo("hel");
        assertThat(overlapping.matched()).isTrue();
        assertThat(apart.accept("a b zz")).isEqualTo("a ");
    }

    @Test
    void withoutStopStringsNothingIsHeldBack() {
        StopStringMatcher matcher = new StopStringMatcher(List.of());

        assertThat(matcher.accept("any <text")).isEqualTo("any <text");
        assertThat(matcher.release()).isEmpty();
    }

    @Test
    void textOfferedAfterTheStopIsRefused() {
        StopStringMatcher matcher = new StopStringMatcher(List.of("END"));
        matcher.accept("the END");

        assertThatThrownBy(() -> matcher.accept("more")).isInstanceOf(IllegalStateException.class);
    }
}
