package org.jfoundry.ports.in;

import java.util.List;
import org.jfoundry.ports.model.ModelId;

public interface UnloadModelUseCase {
    /**
     * Unloads a model. Without force, a model with requests in flight is refused with
     * {@link org.jfoundry.ports.failure.ModelInUseException}; with force, they are cancelled and end with an error.
     *
     * @return the id that was unloaded
     */
    ModelId unload(String aliasOrId, boolean force);

    /** Unloads every model, cancelling in-flight work when forced; returns what was unloaded. */
    List<ModelId> unloadAll(boolean force);
}
