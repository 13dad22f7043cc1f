package org.jfoundry.ports.inference;

import org.jfoundry.ports.failure.InvalidRequestException;

/** OpenAI's {@code tool_choice}: none, auto, required, or one named function. */
public sealed interface ToolChoice {
    None NONE = new None();
    Auto AUTO = new Auto();
    Required REQUIRED = new Required();

    /** The model writes text only. */
    record None() implements ToolChoice {
    }

    /** The model decides, writing its own tool-call syntax, which the answer is read for. */
    record Auto() implements ToolChoice {
    }

    /** The model must call one of the tools: the output is constrained to a call. */
    record Required() implements ToolChoice {
    }

    /** The model must call this function: the output is constrained to a call of it. */
    record Function(String name) implements ToolChoice {
        public Function {
            if (name == null || name.isBlank()) {
                throw new InvalidRequestException("tool_choice must name a function", "tool_choice");
            }
        }
    }
}
