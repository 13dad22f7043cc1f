package org.jfoundry.ports.model;

import java.util.List;

/**
 * What {@code /foundry/list} shows: the catalog's models and, when some catalog source could not answer (the online
 * catalog while offline, say), one line per such source saying why. Offline the models are what can still be served:
 * the sources that answered, and the downloaded models none of them lists.
 *
 * @param unreachable {@code "<source>: <reason>"} per source that failed; empty when every source answered
 */
public record CatalogListing(List<CatalogModel> models, List<String> unreachable) {
    public CatalogListing {
        models = List.copyOf(models);
        unreachable = List.copyOf(unreachable);
    }

    public boolean complete() {
        return unreachable.isEmpty();
    }
}
