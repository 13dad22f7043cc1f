package org.jfoundry.ports.out;

import java.util.Map;
import java.util.Objects;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.ExecutionProvider;

/**
 * What to load and how.
 *
 * @param providerOptions provider-specific string options (for CUDA: {@code device_id}, ...)
 * @param intraOpThreads  0: the engine's default
 */
public record ModelLoadSpec(CachedModel model, ExecutionProvider provider, Map<String, String> providerOptions,
                            int intraOpThreads) {
    public ModelLoadSpec {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(provider, "provider");
        providerOptions = providerOptions == null ? Map.of() : Map.copyOf(providerOptions);
    }

    public static ModelLoadSpec cpu(CachedModel model) {
        return new ModelLoadSpec(model, ExecutionProvider.CPU, Map.of(), 0);
    }
}
