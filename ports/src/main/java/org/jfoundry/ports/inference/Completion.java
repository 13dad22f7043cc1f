package org.jfoundry.ports.inference;

import java.util.Objects;
import org.jfoundry.ports.model.ModelId;

/** A finished generation. */
public record Completion(ModelId model, String text, FinishReason finishReason, Usage usage, Timings timings) {
    public Completion {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(finishReason, "finishReason");
        Objects.requireNonNull(usage, "usage");
        timings = Objects.requireNonNullElse(timings, Timings.NONE);
    }
}
