package org.jfoundry.adapters.cli.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.CorruptCacheEntry;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.out.CacheScan;
import org.jfoundry.ports.out.ModelStore;

/** A cache that lives in a list. */
public final class InMemoryModelStore implements ModelStore {
    public final List<CachedModel> models = new ArrayList<>();
    public final List<CorruptCacheEntry> corrupt = new ArrayList<>();
    private final Path directory;

    public InMemoryModelStore(Path directory) {
        this.directory = directory;
    }

    public InMemoryModelStore with(String id, String alias) {
        ModelId modelId = ModelId.parse(id);
        models.add(new CachedModel(modelId, alias, directory.resolve(modelId.name()), 1234, "chat-completion", null));
        return this;
    }

    @Override
    public Path cacheDirectory() {
        return directory;
    }

    @Override
    public CacheScan scan() {
        return new CacheScan(models, corrupt);
    }

    @Override
    public boolean remove(ModelId id) {
        return models.removeIf(m -> m.id().equals(id));
    }
}
