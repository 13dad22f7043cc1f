package org.jfoundry.ports.inference;

import java.util.List;
import java.util.Objects;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.model.ModelNames;

/**
 * A chat completion: the model (id, id without version, or alias), the conversation, the tools the model may call
 * and how to sample. A forced tool choice already fixes the output's shape, so it cannot come with a JSON schema.
 */
public record ChatCompletionRequest(String model, List<ChatMessage> messages, ChatTools tools,
                                    GenerationParameters parameters, LoadOptions loadOptions) {
    public ChatCompletionRequest {
        ModelNames.requireSafe(model, "model");
        messages = new Prompt.Chat(messages).messages();
        tools = Objects.requireNonNullElse(tools, ChatTools.NONE);
        parameters = Objects.requireNonNullElse(parameters, GenerationParameters.defaults());
        loadOptions = Objects.requireNonNullElse(loadOptions, LoadOptions.DEFAULT);
        if (tools.forced() && !(parameters.responseFormat() instanceof ResponseFormat.Text)) {
            throw new InvalidRequestException("response_format cannot be combined with a tool_choice that requires a"
                    + " tool call", "response_format");
        }
    }

    public ChatCompletionRequest(String model, List<ChatMessage> messages, GenerationParameters parameters,
                                 LoadOptions loadOptions) {
        this(model, messages, ChatTools.NONE, parameters, loadOptions);
    }

    public Prompt prompt() {
        return new Prompt.Chat(messages, tools);
    }
}
