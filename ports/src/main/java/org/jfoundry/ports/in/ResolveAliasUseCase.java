package org.jfoundry.ports.in;

import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.ExecutionProvider;

public interface ResolveAliasUseCase {
    /**
     * The best variant this machine can run for an alias, an id without version, or a full id.
     *
     * @param provider an explicit provider to insist on, or null for the device policy's choice
     */
    CatalogModel resolve(String aliasOrId, ExecutionProvider provider);

    /**
     * The variant a request naming it would use: the best downloaded variant this machine can run, else the catalog
     * variant that a download of the name would fetch. The one resolution clients (the CLI) ask for, so that they
     * never pick a variant the service would not.
     *
     * @param provider an explicit provider to insist on, or null for the device policy's choice
     */
    ResolvedModel resolveForUse(String aliasOrId, ExecutionProvider provider);
}
