package org.jfoundry.adapters.ort.runtime;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.jfoundry.adapters.ort.internal.bindings.NativeMemory;
import org.jfoundry.adapters.ort.internal.bindings.OrtApi;
import org.jfoundry.adapters.ort.internal.bindings.onnxruntime_c_api_h;

/**
 * Where a session keeps one of its inputs or outputs ({@code OrtMemoryInfo}): host memory, or a device such as
 * {@code Cuda:0}. Read from the session's plan, so a value bound there is used without a copy. Owned by the session:
 * valid while it is open.
 */
public final class MemoryLocation {
    private final MemorySegment memoryInfo;
    private final String name;
    private final int deviceId;
    private final boolean host;

    private MemoryLocation(MemorySegment memoryInfo, String name, int deviceId, boolean host) {
        this.memoryInfo = memoryInfo;
        this.name = name;
        this.deviceId = deviceId;
        this.host = host;
    }

    static MemoryLocation of(MemorySegment memoryInfo) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment out = call.allocate(ADDRESS);
            Status.check(OrtApi.MemoryInfoGetName(memoryInfo, out), "MemoryInfoGetName");
            String name = NativeMemory.string(out.get(ADDRESS, 0));
            MemorySegment id = call.allocate(JAVA_INT);
            Status.check(OrtApi.MemoryInfoGetId(memoryInfo, id), "MemoryInfoGetId");
            MemorySegment type = call.allocate(JAVA_INT);
            OrtApi.MemoryInfoGetDeviceType(memoryInfo, type);
            boolean host = type.get(JAVA_INT, 0) == onnxruntime_c_api_h.OrtMemoryInfoDeviceType_CPU;
            return new MemoryLocation(memoryInfo, name, id.get(JAVA_INT, 0), host);
        }
    }

    /** True for memory the JVM can read (the CPU's, including pinned host memory). */
    public boolean isHost() {
        return host;
    }

    /** ONNX Runtime's allocator name: {@code Cpu}, {@code Cuda}, {@code CudaPinned}... */
    public String name() {
        return name;
    }

    public int deviceId() {
        return deviceId;
    }

    MemorySegment memoryInfo() {
        return memoryInfo;
    }

    @Override
    public String toString() {
        return name + ":" + deviceId;
    }
}
