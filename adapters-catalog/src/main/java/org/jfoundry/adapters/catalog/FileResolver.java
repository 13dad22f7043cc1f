package org.jfoundry.adapters.catalog;

import java.io.IOException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.model.CatalogModel;

/** Turns a catalog model's uri into the list of its files; one implementation per kind of source. */
interface FileResolver {

    boolean handles(String uri);

    /** Fails with {@link org.jfoundry.ports.failure.ModelNotFoundException} when the source does not know the model. */
    ModelFiles resolve(CatalogModel model, CancellationSignal cancel) throws IOException;
}
