package org.jfoundry.ports.failure;

/** No catalog entry, alias or cached model has that name. */
public final class ModelNotFoundException extends FoundryException {
    private final String model;

    public ModelNotFoundException(String model) {
        super("Model '" + model + "' was not found in the catalog or the cache");
        this.model = model;
    }

    public ModelNotFoundException(String model, String message) {
        super(message);
        this.model = model;
    }

    public String model() {
        return model;
    }
}
