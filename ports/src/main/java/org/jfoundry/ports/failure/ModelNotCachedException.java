package org.jfoundry.ports.failure;

/**
 * The model exists in the catalog but is not downloaded. The message carries the substring
 * {@code No OpenAIService provider found for modelName:} that Foundry Local SDKs look for.
 */
public final class ModelNotCachedException extends FoundryException {
    private final String model;

    public ModelNotCachedException(String model) {
        super("No OpenAIService provider found for modelName:" + model
                + ". The model is not downloaded; run 'foundry model download " + model + "' first.");
        this.model = model;
    }

    public String model() {
        return model;
    }
}
