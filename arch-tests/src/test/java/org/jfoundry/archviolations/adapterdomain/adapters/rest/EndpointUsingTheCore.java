package org.jfoundry.archviolations.adapterdomain.adapters.rest;

import org.jfoundry.archviolations.adapterdomain.domain.Core;

/** Breaks "adapters never depend on the domain": it builds the core itself. */
public final class EndpointUsingTheCore {
    final Core core = new Core();
}
