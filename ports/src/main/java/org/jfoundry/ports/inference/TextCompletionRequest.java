package org.jfoundry.ports.inference;

import java.util.Objects;
import org.jfoundry.ports.model.ModelNames;

/** A plain text completion ({@code /v1/completions}): the prompt is continued as it is, without a chat template. */
public record TextCompletionRequest(String model, String prompt, GenerationParameters parameters, LoadOptions loadOptions) {
    public TextCompletionRequest {
        ModelNames.requireSafe(model, "model");
        new Prompt.Text(prompt);
        parameters = Objects.requireNonNullElse(parameters, GenerationParameters.defaults());
        loadOptions = Objects.requireNonNullElse(loadOptions, LoadOptions.DEFAULT);
    }
}
