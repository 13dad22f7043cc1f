package org.jfoundry.adapters.ort.internal.bindings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NativeHeapTest {

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle MALLOC = LINKER.downcallHandle(LINKER.defaultLookup().find("malloc").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MethodHandle FREE = LINKER.downcallHandle(LINKER.defaultLookup().find("free").orElseThrow(),
            FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));
    private static final int BLOCK = 4096;
    private static final int BLOCKS = 64 * 1024; // 256 MiB in blocks small enough to live inside glibc's heaps

    @Test
    void trimmingGivesBackTheFreedMiddleOfTheHeap() throws Throwable {
        MemorySegment[] blocks = new MemorySegment[BLOCKS];
        for (int i = 0; i < BLOCKS; i++) {
            blocks[i] = ((MemorySegment) MALLOC.invokeExact((long) BLOCK)).reinterpret(BLOCK);
            blocks[i].fill((byte) 1); // touch every page, so it counts in the resident set
        }
        // The last block stays: it pins the heap's top, so glibc cannot shrink the heap by itself on free().
        for (int i = 0; i < BLOCKS - 1; i++) {
            FREE.invokeExact(blocks[i]);
        }
        long freedButResident = residentBytes();

        assertThat(NativeHeap.trim()).isTrue();

        assertThat(freedButResident - residentBytes()).as("bytes returned to the system")
                .isGreaterThan((long) BLOCK * BLOCKS / 2);
        FREE.invokeExact(blocks[BLOCKS - 1]);
    }

    /** VmRSS from /proc/self/status. */
    private static long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
