package org.jfoundry.adapters.ort.completion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jfoundry.ports.failure.InvalidRequestException;
import org.junit.jupiter.api.Test;

class PromptBoundTest {

    @Test
    void aTextTheTokensCanCoverIsKeptWhole() {
        String text = "a".repeat(10 * PromptBound.MAX_BYTES_PER_TOKEN);
        assertThat(PromptBound.prefix(text, 10)).isSameAs(text);
    }

    @Test
    void aLongerTextIsCutAfterTheLastWhitespaceWithinTheBound() {
        String text = "word ".repeat(10_000);
        String start = PromptBound.prefix(text, 8);

        assertThat(start.length()).isLessThanOrEqualTo(8 * PromptBound.MAX_BYTES_PER_TOKEN)
                .isGreaterThan(8 * PromptBound.MAX_BYTES_PER_TOKEN - 5);
        assertThat(start).endsWith(" ");
        assertThat(text).startsWith(start);
    }

    @Test
    void aLongWordIsCutAtTheBoundButNeverInsideASurrogatePair() {
        String emoji = "\uD83D\uDE00";
        String text = "a" + emoji.repeat(PromptBound.MAX_BYTES_PER_TOKEN * 4);
        String start = PromptBound.prefix(text, 2);

        assertThat(start.length()).isLessThanOrEqualTo(2 * PromptBound.MAX_BYTES_PER_TOKEN);
        assertThat(Character.isHighSurrogate(start.charAt(start.length() - 1))).isFalse();
    }

    @Test
    void aPromptLongerThanTheContextCanCoverIsRefusedBeforeTokenizing() {
        assertThatThrownBy(() -> PromptBound.require("x".repeat(64 * 100 + 1), 100, "messages"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("6401 bytes");
        assertThat(PromptBound.require("short", 100, "messages")).isEqualTo("short");
    }
}
