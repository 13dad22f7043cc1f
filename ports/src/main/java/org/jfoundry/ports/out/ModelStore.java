package org.jfoundry.ports.out;

import java.nio.file.Path;
import java.util.Optional;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.ModelId;

/** The model cache on disk. */
public interface ModelStore {
    Path cacheDirectory();

    /** Scans the cache, models placed there by hand included. Never fails on a broken entry; reports it. */
    CacheScan scan();

    default Optional<CachedModel> find(ModelId id) {
        return scan().models().stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** Deletes the model's folder; returns false when it was not cached. */
    boolean remove(ModelId id);
}
