package org.jfoundry.ports.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.CorruptCacheEntry;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.out.CacheScan;
import org.jfoundry.ports.out.ModelStore;

/** A model cache held in memory: nothing touches the disk. Thread-safe; lists models in the order they were added. */
public final class FakeModelStore implements ModelStore {

    private final Path cacheDirectory;
    private final Map<ModelId, CachedModel> models = new ConcurrentHashMap<>();
    private final List<ModelId> order = new CopyOnWriteArrayList<>();
    private final List<CorruptCacheEntry> corrupt = new CopyOnWriteArrayList<>();
    private final List<ModelId> removed = new CopyOnWriteArrayList<>();
    private volatile Runnable beforeRemove = () -> { };

    public FakeModelStore() {
        this(Path.of("/fake/cache/models"));
    }

    public FakeModelStore(Path cacheDirectory) {
        this.cacheDirectory = Objects.requireNonNull(cacheDirectory, "cacheDirectory");
    }

    /** A cached chat model of the given size, without an alias. */
    public CachedModel add(String id, long sizeBytes) {
        return add(id, null, "chat-completion", sizeBytes);
    }

    public CachedModel add(String id, String alias, String task, long sizeBytes) {
        ModelId modelId = ModelId.parse(id);
        return add(new CachedModel(modelId, alias, ModelFolders.folderFor(cacheDirectory, ModelFolders.PUBLISHER, modelId),
                sizeBytes, task, ModelFolders.PHI_TEMPLATE));
    }

    public CachedModel add(CachedModel model) {
        if (models.put(model.id(), model) == null) {
            order.add(model.id());
        }
        return model;
    }

    public void addCorrupt(Path folder, String reason) {
        corrupt.add(new CorruptCacheEntry(folder, reason));
    }

    /** Runs while a removal deletes files, before the model leaves the store: what a concurrent request would see. */
    public void beforeRemove(Runnable action) {
        beforeRemove = action;
    }

    /** Ids removed through {@link #remove}, in order. */
    public List<ModelId> removed() {
        return List.copyOf(removed);
    }

    public boolean contains(ModelId id) {
        return models.containsKey(id);
    }

    @Override
    public Path cacheDirectory() {
        return cacheDirectory;
    }

    @Override
    public CacheScan scan() {
        List<CachedModel> found = new ArrayList<>();
        for (ModelId id : order) {
            CachedModel model = models.get(id);
            if (model != null) {
                found.add(model);
            }
        }
        return new CacheScan(found, corrupt);
    }

    @Override
    public boolean remove(ModelId id) {
        beforeRemove.run();
        if (models.remove(id) == null) {
            return false;
        }
        order.remove(id);
        removed.add(id);
        return true;
    }
}
