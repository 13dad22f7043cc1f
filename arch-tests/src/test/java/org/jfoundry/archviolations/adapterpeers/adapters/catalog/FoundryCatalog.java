package org.jfoundry.archviolations.adapterpeers.adapters.catalog;

public final class FoundryCatalog {
}
