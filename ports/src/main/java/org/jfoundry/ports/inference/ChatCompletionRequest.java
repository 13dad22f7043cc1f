package org.jfoundry.ports.inference;

import java.util.List;
import java.util.Objects;
import org.jfoundry.ports.model.ModelNames;

/** A chat completion: the model (id, id without version, or alias), the conversation and how to sample. */
public record ChatCompletionRequest(String model, List<ChatMessage> messages, GenerationParameters parameters,
                                    LoadOptions loadOptions) {
    public ChatCompletionRequest {
        ModelNames.requireSafe(model, "model");
        messages = new Prompt.Chat(messages).messages();
        parameters = Objects.requireNonNullElse(parameters, GenerationParameters.defaults());
        loadOptions = Objects.requireNonNullElse(loadOptions, LoadOptions.DEFAULT);
    }

    public Prompt prompt() {
        return new Prompt.Chat(messages);
    }
}
