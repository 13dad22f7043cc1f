package org.jfoundry.adapters.catalog;

import java.nio.file.Path;
import org.jfoundry.ports.out.ModelStore;
import org.jfoundry.ports.settings.ServiceSettings;

/** The model cache on disk, at {@link ServiceSettings#cacheDirectory()}. */
public final class ModelStores {
    private ModelStores() {
    }

    public static ModelStore create(ServiceSettings settings) {
        return create(settings.cacheDirectory());
    }

    public static ModelStore create(Path cacheDirectory) {
        return new CacheModelStore(cacheDirectory);
    }
}
