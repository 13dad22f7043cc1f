package org.jfoundry.archviolations.adaptercycles.adapters.cli.boot;

import org.jfoundry.archviolations.adaptercycles.adapters.rest.RestCallingCli;

public final class Wiring {
    RestCallingCli rest;
}
