package org.jfoundry.adapters.ort.genai.internal.bindings;

import java.nio.file.Path;

/** Loads a shared library into the process for {@code SymbolLookup.loaderLookup()}, which the bindings resolve in. */
public final class SharedLibraries {

    private SharedLibraries() {
    }

    /** {@code System.load}: the file stays loaded for the life of the process. */
    @SuppressWarnings("restricted")
    public static void load(Path file) {
        System.load(file.toString());
    }
}
