package org.jfoundry.archviolations.publicsurface.adapters.ort.runtime;

import java.lang.foreign.Arena;

/** The runtime's building blocks are the adapter's FFM surface: must not be reported. */
public final class PublicTensor {
    private final Arena arena = Arena.ofConfined();
}
