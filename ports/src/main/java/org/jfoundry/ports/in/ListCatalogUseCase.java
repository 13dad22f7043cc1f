package org.jfoundry.ports.in;

import java.util.List;
import org.jfoundry.ports.model.CatalogModel;

public interface ListCatalogUseCase {
    /** Every catalog variant, from all configured sources. */
    List<CatalogModel> listCatalog();
}
