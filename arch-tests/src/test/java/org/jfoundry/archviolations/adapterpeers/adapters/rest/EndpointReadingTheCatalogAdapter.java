package org.jfoundry.archviolations.adapterpeers.adapters.rest;

import org.jfoundry.archviolations.adapterpeers.adapters.catalog.FoundryCatalog;

/** Breaks "adapters never depend on each other". */
public final class EndpointReadingTheCatalogAdapter {
    final FoundryCatalog catalog = new FoundryCatalog();
}
