package org.jfoundry.adapters.ort.internal.bindings;

import org.jfoundry.ports.failure.EngineFailureException;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Zeroed host memory reserved with an anonymous {@code mmap}: a page takes real memory only once it is written, so
 * the batched KV cache can reserve every slot's whole context and cost only what the sequences fill. An arena would
 * zero (and so touch) all of it up front. Unmapped on close, which gives the pages back at once. The size is the
 * caller's own request, so the segment is never larger than the mapping.
 */
@SuppressWarnings("restricted")
public final class ReservedMemory implements AutoCloseable {

    private static final int PROT_READ_WRITE = 0x1 | 0x2;
    private static final int MAP_PRIVATE_ANONYMOUS_NORESERVE = 0x02 | 0x20 | 0x4000;
    private static final MethodHandle MMAP;
    private static final MethodHandle MUNMAP;

    static {
        Linker linker = Linker.nativeLinker();
        var libc = linker.defaultLookup();
        MMAP = linker.downcallHandle(libc.find("mmap").orElseThrow(),
                FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
        MUNMAP = linker.downcallHandle(libc.find("munmap").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    }

    private final MemorySegment segment;
    private boolean closed;

    public ReservedMemory(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("bytes must be positive");
        }
        MemorySegment address;
        try {
            address = (MemorySegment) MMAP.invokeExact(MemorySegment.NULL, bytes, PROT_READ_WRITE,
                    MAP_PRIVATE_ANONYMOUS_NORESERVE, -1, 0L);
        } catch (Throwable e) {
            throw new EngineFailureException("could not reserve " + bytes + " bytes for the KV cache: " + e, e);
        }
        if (address.address() == -1L || address.address() == 0L) {
            throw new EngineFailureException("could not reserve " + bytes + " bytes of address space for the KV cache");
        }
        this.segment = address.reinterpret(bytes);
    }

    /** The whole reservation; dies with {@link #close()}. */
    public MemorySegment segment() {
        if (closed) {
            throw new IllegalStateException("the reservation is released");
        }
        return segment;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            int ignored = (int) MUNMAP.invokeExact(segment, segment.byteSize());
        } catch (Throwable e) {
            throw new IllegalStateException("munmap failed", e);
        }
    }
}
