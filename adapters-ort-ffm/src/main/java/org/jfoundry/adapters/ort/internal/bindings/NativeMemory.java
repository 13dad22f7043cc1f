package org.jfoundry.adapters.ort.internal.bindings;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The adapter's restricted memory operations in one place (as Lucene keeps its native access in one class): turning
 * the bare pointers ONNX Runtime and GenAI hand back into segments of an exact size, and giving a segment another
 * lifetime. Every size comes from the library (an element count it reported) or from {@code strlen}; nothing here
 * makes a segment larger than what it points at.
 */
@SuppressWarnings("restricted")
public final class NativeMemory {
    private static final MethodHandle STRLEN = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("strlen").orElseThrow(),
            FunctionDescriptor.of(JAVA_LONG, ADDRESS), Linker.Option.critical(false));

    private NativeMemory() {
    }

    /** The pointer a C API returned as a number ({@code OrtStatus*} as {@code long}), as a zero-length segment. */
    public static MemorySegment at(long address) {
        return MemorySegment.ofAddress(address);
    }

    /** {@code count} elements of {@code element} at {@code pointer}, a count the library reported. */
    public static MemorySegment elements(MemorySegment pointer, MemoryLayout element, long count) {
        return pointer.reinterpret(Math.multiplyExact(element.byteSize(), count));
    }

    /** {@code bytes} bytes at {@code pointer}, a size the library reported or a layout defines. */
    public static MemorySegment bytes(MemorySegment pointer, long bytes) {
        return pointer.reinterpret(bytes);
    }

    /** The same bytes with no lifetime of their own: the caller guards them (a value's call gate) before each use. */
    public static MemorySegment unscoped(MemorySegment segment) {
        return MemorySegment.ofAddress(segment.address()).reinterpret(segment.byteSize());
    }

    /** The same bytes, valid while {@code arena} is open: a view whose close makes every later access throw. */
    public static MemorySegment scoped(MemorySegment segment, Arena arena) {
        return segment.reinterpret(segment.byteSize(), arena, null);
    }

    /** The NUL-terminated UTF-8 string at {@code pointer}, read over exactly its length; "" for NULL. */
    public static String string(MemorySegment pointer) {
        if (pointer.address() == 0) {
            return "";
        }
        long length;
        try {
            length = (long) STRLEN.invokeExact(pointer);
        } catch (Throwable t) {
            throw new AssertionError("strlen failed", t);
        }
        return pointer.reinterpret(length + 1).getString(0);
    }
}
