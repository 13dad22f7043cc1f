package org.jfoundry.archviolations.publicsurface.adapters.ort.generate;

import java.lang.foreign.Arena;

/** An engine class holding native memory, made public: must be reported. */
public final class PublicNativeDecoder {
    private final Arena arena = Arena.ofConfined();
}
