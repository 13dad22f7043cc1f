package org.jfoundry.adapters.ort.internal.bindings;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * Gives the C heap's free pages back to the system. glibc keeps memory that ONNX Runtime freed (a released session's
 * weights, arena and outputs) inside its heaps, so without this the process stays as large after an unload as it
 * was with the model loaded. On a C library without {@code malloc_trim} (musl) nothing is done.
 */
public final class NativeHeap {

    private static final Optional<MethodHandle> MALLOC_TRIM = Linker.nativeLinker().defaultLookup().find("malloc_trim")
            .map(symbol -> Linker.nativeLinker().downcallHandle(symbol,
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG)));

    private NativeHeap() {
    }

    /** {@code malloc_trim(0)}: true when the C library returned memory to the system. */
    public static boolean trim() {
        if (MALLOC_TRIM.isEmpty()) {
            return false;
        }
        try {
            return (int) MALLOC_TRIM.get().invokeExact(0L) == 1;
        } catch (Error | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError("should not reach here", t);
        }
    }
}
