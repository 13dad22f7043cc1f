package org.jfoundry.ports.in;

import java.util.List;
import org.jfoundry.ports.model.CatalogListing;
import org.jfoundry.ports.model.CatalogModel;

public interface ListCatalogUseCase {
    /**
     * Every catalog variant from the sources that answer, and which sources did not. Never fails for an unreachable
     * source: with none answering it lists the downloaded models, so what can be served is listed offline too.
     */
    CatalogListing catalogListing();

    /** The models of {@link #catalogListing()}. */
    default List<CatalogModel> listCatalog() {
        return catalogListing().models();
    }
}
