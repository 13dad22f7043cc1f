package org.jfoundry.archviolations.cycles.domain;

import org.jfoundry.archviolations.cycles.ports.PortNamingTheDomain;

/** The other half of the cycle. */
public final class CoreNamingThePort {
    PortNamingTheDomain port;
}
