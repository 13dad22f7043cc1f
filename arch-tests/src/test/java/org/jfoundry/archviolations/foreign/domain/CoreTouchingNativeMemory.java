package org.jfoundry.archviolations.foreign.domain;

import java.lang.foreign.Arena;

/** Breaks "java.lang.foreign is used only in the ORT adapter". */
public final class CoreTouchingNativeMemory {
    long allocate() {
        try (Arena arena = Arena.ofConfined()) {
            return arena.allocate(8).byteSize();
        }
    }
}
