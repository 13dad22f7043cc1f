package org.jfoundry.archviolations.cycles.ports;

import org.jfoundry.archviolations.cycles.domain.CoreNamingThePort;

/** One half of a cycle between two top-level packages. */
public interface PortNamingTheDomain {
    CoreNamingThePort core();
}
