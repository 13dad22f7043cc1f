package org.jfoundry.archviolations.portsjdk.ports;

/** Breaks "ports depend only on the JDK": a port that reaches into the domain. */
public interface PortThatKnowsTheDomain {
    org.jfoundry.archviolations.portsjdk.domain.Core core();
}
