package org.jfoundry.archviolations.adaptercycles.adapters.rest;

import org.jfoundry.archviolations.adaptercycles.adapters.cli.boot.Wiring;

/** Closes a cycle with the composition root, which is allowed to use the REST adapter but not to be used by it. */
public final class RestCallingCli {
    Wiring wiring;
}
