package org.jfoundry.adapters.ort.runtime;

import java.lang.foreign.MemorySegment;

/** NUL-terminated UTF-8 strings handed back by ONNX Runtime. */
@SuppressWarnings("restricted")
final class NativeStrings {
    private static final long MAX_LENGTH = 1 << 20;

    private NativeStrings() {
    }

    static String read(MemorySegment pointer) {
        if (pointer.address() == 0) {
            return "";
        }
        return pointer.reinterpret(MAX_LENGTH).getString(0);
    }
}
