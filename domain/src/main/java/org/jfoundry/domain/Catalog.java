package org.jfoundry.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfoundry.ports.model.CatalogListing;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.out.CatalogSource;

/** All catalog sources as one list; an id offered by several sources comes from the first (highest precedence). */
final class Catalog {

    private final List<CatalogSource> sources;

    Catalog(List<CatalogSource> sources) {
        this.sources = List.copyOf(sources);
    }

    /**
     * Every variant of every source that answers. Fails only when no source answers, with the first source's failure,
     * so one unreachable online catalog does not hide a local one.
     */
    List<CatalogModel> all() {
        Map<ModelId, CatalogModel> byId = new LinkedHashMap<>();
        List<RuntimeException> failures = new ArrayList<>();
        for (CatalogSource source : sources) {
            try {
                for (CatalogModel model : source.listModels()) {
                    byId.putIfAbsent(model.id(), model);
                }
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (byId.isEmpty() && !failures.isEmpty() && failures.size() == sources.size()) {
            throw failures.getFirst();
        }
        return List.copyOf(byId.values());
    }

    /** Every variant of every source that answers, and a line per source that did not; never fails. */
    CatalogListing listing() {
        Map<ModelId, CatalogModel> byId = new LinkedHashMap<>();
        List<String> unreachable = new ArrayList<>();
        for (CatalogSource source : sources) {
            try {
                for (CatalogModel model : source.listModels()) {
                    byId.putIfAbsent(model.id(), model);
                }
            } catch (RuntimeException e) {
                unreachable.add(source.name() + ": " + e.getMessage());
            }
        }
        return new CatalogListing(List.copyOf(byId.values()), unreachable);
    }

    /** Like {@link #all()}, but empty instead of failing: for lookups that also work without a catalog. */
    List<CatalogModel> allOrEmpty() {
        try {
            return all();
        } catch (RuntimeException unreachable) {
            return List.of();
        }
    }
}
