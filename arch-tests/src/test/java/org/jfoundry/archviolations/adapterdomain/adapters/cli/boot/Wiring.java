package org.jfoundry.archviolations.adapterdomain.adapters.cli.boot;

import org.jfoundry.archviolations.adapterdomain.domain.Core;

/** The composition root may build the core: this must not be reported. */
public final class Wiring {
    final Core core = new Core();
}
