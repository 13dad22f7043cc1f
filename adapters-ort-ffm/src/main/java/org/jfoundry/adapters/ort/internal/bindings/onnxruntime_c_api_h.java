package org.jfoundry.adapters.ort.internal.bindings;

import static java.lang.foreign.ValueLayout.ADDRESS;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * The header class for {@code onnxruntime_c_api.h}, as jextract names it: the enum constants jfoundry uses and the one
 * exported function, {@code OrtGetApiBase}. Unlike generated code the library is passed in, because its path is only
 * known at start (bundled, settings or {@code FOUNDRY_ORT_LIBRARY}).
 */
@SuppressWarnings({"checkstyle:TypeName", "unused", "restricted"})
public final class onnxruntime_c_api_h {
    public static final int ORT_API_VERSION = OrtApi.VERSION;

    public static final int ORT_LOGGING_LEVEL_VERBOSE = 0;
    public static final int ORT_LOGGING_LEVEL_INFO = 1;
    public static final int ORT_LOGGING_LEVEL_WARNING = 2;
    public static final int ORT_LOGGING_LEVEL_ERROR = 3;
    public static final int ORT_LOGGING_LEVEL_FATAL = 4;

    public static final int ONNX_TYPE_TENSOR = 1;

    public static final int ORT_DISABLE_ALL = 0;
    public static final int ORT_ENABLE_BASIC = 1;
    public static final int ORT_ENABLE_EXTENDED = 2;
    public static final int ORT_ENABLE_ALL = 99;

    public static final int ORT_SEQUENTIAL = 0;
    public static final int ORT_PARALLEL = 1;

    public static final int OrtMemoryInfoDeviceType_CPU = 0;
    public static final int OrtMemoryInfoDeviceType_GPU = 1;

    public static final int OrtDeviceAllocator = 0;
    public static final int OrtArenaAllocator = 1;
    public static final int OrtMemTypeDefault = 0;

    private onnxruntime_c_api_h() {
    }

    private static final class OrtGetApiBase {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(ADDRESS);
    }

    /**
     * {@code const OrtApiBase* OrtGetApiBase(void)}, looked up in the library file, which is loaded for the life of the
     * process (the global arena never unloads it); the result spans 16 bytes.
     */
    public static MemorySegment OrtGetApiBase(Path libraryFile) {
        SymbolLookup library = SymbolLookup.libraryLookup(libraryFile, Arena.global());
        MemorySegment symbol = library.find("OrtGetApiBase").orElseThrow(() -> new IllegalArgumentException(
                "the library does not export OrtGetApiBase; it is not ONNX Runtime"));
        MethodHandle handle = Linker.nativeLinker().downcallHandle(symbol, OrtGetApiBase.DESC);
        try {
            MemorySegment base = (MemorySegment) handle.invokeExact();
            return base.reinterpret(OrtApiBase.LAYOUT.byteSize());
        } catch (Throwable t) {
            throw new AssertionError("OrtGetApiBase failed", t);
        }
    }
}
