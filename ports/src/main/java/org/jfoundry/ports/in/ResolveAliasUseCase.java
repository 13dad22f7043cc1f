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
}
