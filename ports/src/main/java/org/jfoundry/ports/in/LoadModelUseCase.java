package org.jfoundry.ports.in;

import org.jfoundry.ports.inference.LoadOptions;
import org.jfoundry.ports.model.LoadedModel;

public interface LoadModelUseCase {
    /** Loads a cached model (or returns it when loaded, applying the new TTL). Concurrent loads share one load. */
    LoadedModel load(String aliasOrId, LoadOptions options);
}
