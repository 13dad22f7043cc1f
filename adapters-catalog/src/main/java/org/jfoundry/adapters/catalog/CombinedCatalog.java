package org.jfoundry.adapters.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfoundry.ports.failure.FoundryException;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.out.CatalogSource;

/**
 * Several sources as one, in precedence order: the first source to offer an id wins. A source that fails is skipped
 * while another answers; when every source fails, the first failure is thrown.
 */
final class CombinedCatalog implements CatalogSource {
    private static final System.Logger LOG = System.getLogger(CombinedCatalog.class.getName());
    private final List<CatalogSource> sources;

    CombinedCatalog(List<CatalogSource> sources) {
        this.sources = List.copyOf(sources);
    }

    @Override
    public String name() {
        return String.join(",", sources.stream().map(CatalogSource::name).toList());
    }

    @Override
    public List<CatalogModel> listModels() {
        Map<ModelId, CatalogModel> byId = new LinkedHashMap<>();
        RuntimeException firstFailure = null;
        int answered = 0;
        for (CatalogSource source : sources) {
            try {
                for (CatalogModel model : source.listModels()) {
                    byId.putIfAbsent(model.id(), model);
                }
                answered++;
            } catch (FoundryException | IllegalArgumentException e) {
                LOG.log(System.Logger.Level.WARNING, "catalog source {0} failed: {1}", source.name(), e.getMessage());
                if (firstFailure == null) {
                    firstFailure = e;
                }
            }
        }
        if (answered == 0 && firstFailure != null) {
            throw firstFailure;
        }
        return List.copyOf(byId.values());
    }
}
