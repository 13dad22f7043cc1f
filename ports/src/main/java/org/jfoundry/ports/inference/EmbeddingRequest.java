package org.jfoundry.ports.inference;

import java.util.List;
import java.util.Objects;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.model.ModelNames;

/** Texts to embed, in order. */
public record EmbeddingRequest(String model, List<String> inputs, LoadOptions loadOptions) {
    public static final int MAX_INPUTS = 2048;

    public EmbeddingRequest {
        ModelNames.requireSafe(model, "model");
        if (inputs == null || inputs.isEmpty()) {
            throw new InvalidRequestException("input must hold at least one text", "input");
        }
        if (inputs.size() > MAX_INPUTS) {
            throw new InvalidRequestException("input holds more than " + MAX_INPUTS + " texts", "input");
        }
        if (inputs.stream().anyMatch(Objects::isNull)) {
            throw new InvalidRequestException("input texts must not be null", "input");
        }
        // As OpenAI does: an empty text has no meaning to embed, and is usually a client bug.
        if (inputs.stream().anyMatch(String::isEmpty)) {
            throw new InvalidRequestException("input texts must not be empty strings", "input");
        }
        inputs = List.copyOf(inputs);
        loadOptions = Objects.requireNonNullElse(loadOptions, LoadOptions.DEFAULT);
    }
}
