package org.jfoundry.archviolations.restricted.adapters.ort.runtime;

import java.lang.foreign.MemorySegment;

/** Turns a number into readable memory outside the binding package: must be reported. */
public final class TensorReadingAnyAddress {
    long firstWord(long address) {
        return MemorySegment.ofAddress(address).reinterpret(8).get(java.lang.foreign.ValueLayout.JAVA_LONG, 0);
    }
}
