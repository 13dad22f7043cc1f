package org.jfoundry.ports.out;

import java.util.List;
import org.jfoundry.ports.model.CatalogModel;

/** Where catalog entries come from (the Foundry catalog, a local file, Hugging Face). */
public interface CatalogSource {
    String name();

    /** Every variant this source offers. Fails with a typed failure when it cannot answer and has nothing kept. */
    List<CatalogModel> listModels();
}
