package org.jfoundry.ports.out;

import java.util.List;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.CorruptCacheEntry;

/** What a scan of the cache found: usable models, and folders that look like models but are broken. */
public record CacheScan(List<CachedModel> models, List<CorruptCacheEntry> corrupt) {
    public CacheScan {
        models = List.copyOf(models);
        corrupt = List.copyOf(corrupt);
    }
}
