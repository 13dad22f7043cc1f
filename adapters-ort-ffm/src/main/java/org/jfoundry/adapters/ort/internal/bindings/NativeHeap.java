package org.jfoundry.adapters.ort.internal.bindings;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * Gives the C heap's free pages back to the system. glibc keeps memory that ONNX Runtime freed (a released session's
 * weights, arena and outputs) inside its heaps, so without this the process stays as large after an unload as it
 * was with the model loaded. Trimming returns only free pages, and glibc gives each thread that meets contention a
 * heap (arena) of its own, up to 8 per core: the inference threads' allocations end up spread over many arenas, each
 * kept partly resident by a few live blocks, so the service also caps the arenas ({@link #limitArenas}). On a C
 * library without {@code malloc_trim} and {@code mallopt} (musl) nothing is done.
 */
public final class NativeHeap {

    private static final Optional<MethodHandle> MALLOC_TRIM = Linker.nativeLinker().defaultLookup().find("malloc_trim")
            .map(symbol -> Linker.nativeLinker().downcallHandle(symbol,
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG)));

    private static final Optional<MethodHandle> MALLOPT = Linker.nativeLinker().defaultLookup().find("mallopt")
            .map(symbol -> Linker.nativeLinker().downcallHandle(symbol,
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT)));
    /** glibc's {@code M_ARENA_MAX} parameter of {@code mallopt}. */
    private static final int M_ARENA_MAX = -8;

    private NativeHeap() {
    }

    /**
     * {@code mallopt(M_ARENA_MAX, arenas)}: threads share at most that many heaps from now on (heaps made before stay),
     * unless {@code MALLOC_ARENA_MAX} in the environment already set a limit, which is kept. True when it was set.
     */
    public static boolean limitArenas(int arenas) {
        if (MALLOPT.isEmpty() || System.getenv("MALLOC_ARENA_MAX") != null) {
            return false;
        }
        try {
            return (int) MALLOPT.get().invokeExact(M_ARENA_MAX, arenas) == 1;
        } catch (Error | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError("should not reach here", t);
        }
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
