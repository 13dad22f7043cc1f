package org.jfoundry.ports.in;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.jfoundry.ports.model.ExecutionProvider;

/**
 * The service's state as the core sees it; the REST adapter adds the endpoint it listens on.
 *
 * @param engines each engine's name with "available" or the reason it is not
 */
public record ServiceStatus(Path modelDirectory, Set<ExecutionProvider> availableProviders, int loadedModels,
                            List<String> engines) {
    public ServiceStatus {
        availableProviders = Set.copyOf(availableProviders);
        engines = List.copyOf(engines);
    }
}
