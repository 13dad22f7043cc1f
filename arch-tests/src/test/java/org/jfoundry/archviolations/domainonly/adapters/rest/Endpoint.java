package org.jfoundry.archviolations.domainonly.adapters.rest;

public final class Endpoint {
}
