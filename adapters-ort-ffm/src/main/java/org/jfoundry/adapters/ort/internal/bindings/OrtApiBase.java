package org.jfoundry.adapters.ort.internal.bindings;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/** {@code struct OrtApiBase { const OrtApi* (*GetApi)(uint32_t); const char* (*GetVersionString)(void); }}. */
@SuppressWarnings("restricted")
public final class OrtApiBase {
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            ADDRESS.withName("GetApi"), ADDRESS.withName("GetVersionString")).withName("OrtApiBase");

    private static final long GET_API_OFFSET = LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement("GetApi"));
    private static final long GET_VERSION_OFFSET =
            LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement("GetVersionString"));

    /** {@code const OrtApi* GetApi(uint32_t version)}: NULL when the library lacks that API version. */
    public static final class GetApi {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(ADDRESS, JAVA_INT);

        private GetApi() {
        }
    }

    /** {@code const char* GetVersionString(void)}. */
    public static final class GetVersionString {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(ADDRESS);

        private GetVersionString() {
        }
    }

    private OrtApiBase() {
    }

    public static MemorySegment GetApi(MemorySegment apiBase, int version) {
        MemorySegment function = apiBase.get(ADDRESS, GET_API_OFFSET);
        try {
            return (MemorySegment) Linker.nativeLinker().downcallHandle(function, GetApi.DESC).invokeExact(version);
        } catch (Throwable t) {
            throw new AssertionError("OrtApiBase.GetApi failed", t);
        }
    }

    /** The library's version, such as {@code 1.26.0}. */
    public static String GetVersionString(MemorySegment apiBase) {
        MemorySegment function = apiBase.get(ADDRESS, GET_VERSION_OFFSET);
        try {
            MemorySegment text = (MemorySegment) Linker.nativeLinker().downcallHandle(function, GetVersionString.DESC)
                    .invokeExact();
            return NativeMemory.string(text);
        } catch (Throwable t) {
            throw new AssertionError("OrtApiBase.GetVersionString failed", t);
        }
    }
}
