package org.jfoundry.ports.in;

import java.util.Objects;
import org.jfoundry.ports.model.CatalogModel;

/**
 * The variant a name designates for use, and whether it is downloaded.
 *
 * @param model  its catalog entry; for a downloaded model no catalog lists, what the cache knows about it
 * @param cached true when it is in the cache; false when it would have to be downloaded first
 */
public record ResolvedModel(CatalogModel model, boolean cached) {
    public ResolvedModel {
        Objects.requireNonNull(model, "model");
    }
}
