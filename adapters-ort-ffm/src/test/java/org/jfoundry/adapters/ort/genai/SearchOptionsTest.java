package org.jfoundry.adapters.ort.genai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.inference.GenerationParameters;
import org.junit.jupiter.api.Test;

class SearchOptionsTest {

    private final GenAiModelFolder folder = new GenAiModelFolder(Path.of("m"), 100, 80, "{{ messages }}");

    private SearchOptions forPrompt(int promptTokens, GenerationParameters parameters) {
        return SearchOptions.forPrompt(promptTokens, parameters, folder, "messages");
    }

    @Test
    void maxTokensAddsToThePromptForGenAisMaxLength() {
        SearchOptions options = forPrompt(30, GenerationParameters.defaults().withMaxTokens(10));

        assertThat(options).isEqualTo(new SearchOptions(10, 40));
    }

    @Test
    void maxTokensIsCappedByWhatTheContextHasLeft() {
        SearchOptions options = forPrompt(90, GenerationParameters.defaults().withMaxTokens(50));

        assertThat(options).isEqualTo(new SearchOptions(10, 100));
    }

    @Test
    void withoutMaxTokensTheFoldersSearchMaxLengthBoundsTheTotal() {
        assertThat(forPrompt(30, GenerationParameters.defaults())).isEqualTo(new SearchOptions(50, 80));
    }

    @Test
    void anEmptyPromptIsRefusedNamingTheParameter() {
        assertThatThrownBy(() -> SearchOptions.forPrompt(0, GenerationParameters.defaults(), folder, "prompt"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.param()).isEqualTo("prompt"));
    }

    @Test
    void aPromptThatFillsTheContextIsRefusedNamingBothLengths() {
        assertThatThrownBy(() -> forPrompt(100, GenerationParameters.defaults()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("100 tokens");
    }
}
