package org.jfoundry.ports.in;

import org.jfoundry.ports.inference.Prompt;

public interface CountTokensUseCase {
    /** Tokens the prompt takes in the model, chat template included. */
    int countTokens(String aliasOrId, Prompt prompt);
}
