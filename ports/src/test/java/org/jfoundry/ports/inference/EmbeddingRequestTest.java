package org.jfoundry.ports.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.junit.jupiter.api.Test;

class EmbeddingRequestTest {

    @Test
    void anEmptyTextIsRefusedNamingTheInputParameter() {
        assertThatThrownBy(() -> new EmbeddingRequest("minilm", List.of("fine", ""), null))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.param()).isEqualTo("input"))
                .hasMessageContaining("empty");
    }

    @Test
    void noTextsAtAllAreRefused() {
        assertThatThrownBy(() -> new EmbeddingRequest("minilm", List.of(), null))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void textsKeepTheirOrder() {
        assertThat(new EmbeddingRequest("minilm", List.of("b", "a"), null).inputs()).containsExactly("b", "a");
    }
}
