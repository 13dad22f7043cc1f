package org.jfoundry.archviolations.packagecycles.adapters.ort;

import org.jfoundry.archviolations.packagecycles.adapters.ort.generate.LoaderNamingTheEngine;

/** The adapter's root package lists a loader of a sub-package... */
public final class EngineListingItsLoaders {
    LoaderNamingTheEngine loader;
}
