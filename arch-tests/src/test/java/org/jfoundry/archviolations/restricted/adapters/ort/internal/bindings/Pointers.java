package org.jfoundry.archviolations.restricted.adapters.ort.internal.bindings;

import java.lang.foreign.MemorySegment;

/** The binding package may size pointers: must not be reported. */
public final class Pointers {
    static MemorySegment sized(MemorySegment pointer, long bytes) {
        return pointer.reinterpret(bytes);
    }
}
