package org.jfoundry.adapters.cli.client;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.ModelId;

/** Model id to catalog alias, for the Alias columns of {@code ps} and {@code cache list}. */
public final class Aliases {
    private final Map<ModelId, String> byId = new HashMap<>();

    public Aliases(List<CatalogModel> catalog) {
        for (CatalogModel model : catalog) {
            if (model.alias() != null) {
                byId.put(model.id(), model.alias());
            }
        }
    }

    /** The catalog, or no aliases when the service cannot list it (offline, no catalog source): ids still show. */
    public static Aliases bestEffort(ServiceClient client) {
        try {
            return new Aliases(client.catalog());
        } catch (ServiceError | ServiceUnreachable unavailable) {
            return new Aliases(List.of());
        }
    }

    /** The alias, else the given fallback. */
    public String of(ModelId id, String fallback) {
        return byId.getOrDefault(id, fallback);
    }
}
