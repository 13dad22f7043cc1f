package org.jfoundry.archviolations.packagecycles.adapters.ort.generate;

import org.jfoundry.archviolations.packagecycles.adapters.ort.EngineListingItsLoaders;

/** ...and the loader depends back on the root package: a cycle inside one adapter. */
public final class LoaderNamingTheEngine {
    EngineListingItsLoaders engine;
}
