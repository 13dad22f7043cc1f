package org.jfoundry.archviolations.publicsurface.adapters.ort.generate;

import java.lang.foreign.Arena;

/** The same, package-private: must not be reported. */
final class HiddenNativeDecoder {
    private final Arena arena = Arena.ofConfined();
}
