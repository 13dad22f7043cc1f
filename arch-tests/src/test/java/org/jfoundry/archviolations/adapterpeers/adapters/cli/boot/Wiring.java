package org.jfoundry.archviolations.adapterpeers.adapters.cli.boot;

import org.jfoundry.archviolations.adapterpeers.adapters.catalog.FoundryCatalog;

/** The composition root may use every adapter: this must not be reported. */
public final class Wiring {
    final FoundryCatalog catalog = new FoundryCatalog();
}
