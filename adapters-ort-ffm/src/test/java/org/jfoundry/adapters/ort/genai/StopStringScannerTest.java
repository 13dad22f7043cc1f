package org.jfoundry.adapters.ort.genai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StopStringScannerTest {

    @Test
    void textThatCannotStartAStopStringPassesAtOnce() {
        StopStringScanner scanner = new StopStringScanner(List.of("END"));

        assertThat(scanner.offer("hello ")).isEqualTo("hello ");
        assertThat(scanner.stopped()).isFalse();
    }

    @Test
    void aPossibleStartIsHeldBackUntilTheNextChunkDecides() {
        StopStringScanner scanner = new StopStringScanner(List.of("END"));

        assertThat(scanner.offer("fin E")).isEqualTo("fin ");
        assertThat(scanner.offer("N")).isEmpty();
        assertThat(scanner.offer("ough")).isEqualTo("ENough");
    }

    @Test
    void aStopStringSplitAcrossChunksCutsTheTextBeforeIt() {
        StopStringScanner scanner = new StopStringScanner(List.of("<stop>"));

        assertThat(scanner.offer("one <st")).isEqualTo("one ");
        assertThat(scanner.offer("op> two")).isEmpty();
        assertThat(scanner.stopped()).isTrue();
    }

    @Test
    void theEarliestOfSeveralStopStringsWins() {
        StopStringScanner scanner = new StopStringScanner(List.of("zz", "b"));

        assertThat(scanner.offer("a b zz")).isEqualTo("a ");
    }

    @Test
    void heldBackTextIsReleasedWhenGenerationEndsWithoutAStop() {
        StopStringScanner scanner = new StopStringScanner(List.of("END"));
        scanner.offer("the E");

        assertThat(scanner.flush()).isEqualTo("E");
    }

    @Test
    void withoutStopStringsNothingIsHeldBack() {
        StopStringScanner scanner = new StopStringScanner(List.of());

        assertThat(scanner.offer("anything")).isEqualTo("anything");
        assertThat(scanner.flush()).isEmpty();
    }
}
