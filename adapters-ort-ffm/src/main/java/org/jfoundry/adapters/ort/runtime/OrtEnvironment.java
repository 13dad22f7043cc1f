package org.jfoundry.adapters.ort.runtime;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jfoundry.adapters.ort.internal.bindings.NativeMemory;
import org.jfoundry.adapters.ort.internal.bindings.OrtApi;
import org.jfoundry.adapters.ort.internal.bindings.onnxruntime_c_api_h;
import org.jfoundry.adapters.ort.internal.lifecycle.CallGate;

/**
 * The process-wide ONNX Runtime environment (logging, optional global thread pools) and the factory for sessions,
 * values and run options. Created once by the composition root and closed last: closing it closes the sessions it
 * opened that are still open.
 */
public final class OrtEnvironment implements AutoCloseable {
    private final OrtLibrary library;
    private final MemorySegment env;
    private final MemorySegment cpuMemoryInfo;
    private final MemorySegment defaultAllocator;
    private final CallGate lifetime = new CallGate("ONNX Runtime environment");
    private final Set<Session> openSessions = ConcurrentHashMap.newKeySet();

    private OrtEnvironment(OrtLibrary library, MemorySegment env, MemorySegment cpuMemoryInfo,
                           MemorySegment defaultAllocator) {
        this.library = library;
        this.env = env;
        this.cpuMemoryInfo = cpuMemoryInfo;
        this.defaultAllocator = defaultAllocator;
    }

    /** Creates the environment; the library's {@code OrtApi} table must be installed (the loader does that). */
    public static OrtEnvironment create(OrtLibrary library, EnvironmentOptions options) {
        Objects.requireNonNull(library, "library");
        if (!OrtApi.installed()) {
            throw new IllegalStateException("the ONNX Runtime library is not loaded");
        }
        try (Arena call = Arena.ofConfined()) {
            MemorySegment out = call.allocate(ADDRESS);
            MemorySegment logId = call.allocateFrom(options.logId());
            int level = options.loggingLevel().ordinal();
            if (options.hasGlobalThreadPools()) {
                createWithGlobalPools(call, options, level, logId, out);
            } else {
                Status.check(OrtApi.CreateEnv(level, logId, out), "CreateEnv");
            }
            MemorySegment env = out.get(ADDRESS, 0);
            MemorySegment memoryInfo;
            try {
                Status.check(OrtApi.CreateCpuMemoryInfo(onnxruntime_c_api_h.OrtDeviceAllocator,
                        onnxruntime_c_api_h.OrtMemTypeDefault, out), "CreateCpuMemoryInfo");
                memoryInfo = out.get(ADDRESS, 0);
            } catch (RuntimeException e) {
                OrtApi.ReleaseEnv(env);
                throw e;
            }
            try {
                Status.check(OrtApi.GetAllocatorWithDefaultOptions(out), "GetAllocatorWithDefaultOptions");
            } catch (RuntimeException e) {
                OrtApi.ReleaseMemoryInfo(memoryInfo);
                OrtApi.ReleaseEnv(env);
                throw e;
            }
            return new OrtEnvironment(library, env, memoryInfo, out.get(ADDRESS, 0));
        }
    }

    private static void createWithGlobalPools(Arena call, EnvironmentOptions options, int level, MemorySegment logId,
                                              MemorySegment out) {
        Status.check(OrtApi.CreateThreadingOptions(out), "CreateThreadingOptions");
        MemorySegment threading = out.get(ADDRESS, 0);
        try {
            Status.check(OrtApi.SetGlobalIntraOpNumThreads(threading, options.globalIntraOpThreads()),
                    "SetGlobalIntraOpNumThreads");
            Status.check(OrtApi.SetGlobalInterOpNumThreads(threading, options.globalInterOpThreads()),
                    "SetGlobalInterOpNumThreads");
            Status.check(OrtApi.CreateEnvWithGlobalThreadPools(level, logId, threading, out),
                    "CreateEnvWithGlobalThreadPools");
        } finally {
            OrtApi.ReleaseThreadingOptions(threading);
        }
    }

    public OrtLibrary library() {
        return library;
    }

    /** Execution providers compiled into this build, as ONNX Runtime names them ({@code CPUExecutionProvider}). */
    public List<String> availableProviders() {
        enter();
        try (Arena call = Arena.ofConfined()) {
            MemorySegment out = call.allocate(ADDRESS);
            MemorySegment count = call.allocate(JAVA_INT);
            Status.check(OrtApi.GetAvailableProviders(out, count), "GetAvailableProviders");
            int n = count.get(JAVA_INT, 0);
            MemorySegment names = NativeMemory.elements(out.get(ADDRESS, 0), ADDRESS, n);
            List<String> providers = new ArrayList<>(n);
            try {
                for (int i = 0; i < n; i++) {
                    providers.add(NativeMemory.string(names.getAtIndex(ADDRESS, i)));
                }
            } finally {
                Status.check(OrtApi.ReleaseAvailableProviders(names, n), "ReleaseAvailableProviders");
            }
            return List.copyOf(providers);
        } finally {
            exit();
        }
    }

    public SessionOptions newSessionOptions() {
        enter();
        try {
            return new SessionOptions(this);
        } finally {
            exit();
        }
    }

    public RunOptions newRunOptions() {
        enter();
        try {
            return new RunOptions();
        } finally {
            exit();
        }
    }

    /** Opens a session on a model file. */
    public Session openSession(Path model, SessionOptions options) {
        return register(Session.fromFile(this, model, options));
    }

    /** Opens a session on model bytes (ONNX Runtime parses them; the bytes need not outlive the call). */
    public Session openSession(byte[] model, SessionOptions options) {
        return register(Session.fromBytes(this, model, options));
    }

    private Session register(Session session) {
        openSessions.add(session);
        if (lifetime.isClosed()) {
            session.close();
            throw new IllegalStateException(lifetime.what() + " is already closed");
        }
        return session;
    }

    void forget(Session session) {
        openSessions.remove(session);
    }

    /**
     * Wraps caller memory as a tensor without copying: a write to {@code data} after this call is seen by the next
     * run. {@code data} must be native and stay alive while the value is used.
     */
    public Value wrap(MemorySegment data, ElementType type, long... shape) {
        enter();
        try {
            return Value.wrap(cpuMemoryInfo, data, null, type, shape);
        } finally {
            exit();
        }
    }

    /** A zeroed tensor in memory the value owns (64-byte aligned), freed when the value is closed. */
    public Value allocate(ElementType type, long... shape) {
        enter();
        try {
            long bytes = Math.multiplyExact(Value.elementCount(shape), type.byteSize());
            Arena arena = Arena.ofShared();
            try {
                MemorySegment data = arena.allocate(Math.max(bytes, 1), 64).asSlice(0, bytes);
                return Value.wrap(cpuMemoryInfo, data, arena, type, shape);
            } catch (RuntimeException e) {
                arena.close();
                throw e;
            }
        } finally {
            exit();
        }
    }

    /** Copies {@code values} into a new tensor (a convenience for small inputs; large ones should be wrapped). */
    public Value tensor(float[] values, long... shape) {
        Value value = allocate(ElementType.FLOAT, shape);
        MemorySegment.copy(values, 0, value.data(), java.lang.foreign.ValueLayout.JAVA_FLOAT, 0, values.length);
        return value;
    }

    /** Copies {@code values} into a new INT64 tensor. */
    public Value tensor(long[] values, long... shape) {
        Value value = allocate(ElementType.INT64, shape);
        MemorySegment.copy(values, 0, value.data(), java.lang.foreign.ValueLayout.JAVA_LONG, 0, values.length);
        return value;
    }

    MemorySegment cpuMemoryInfo() {
        return cpuMemoryInfo;
    }

    MemorySegment defaultAllocator() {
        return defaultAllocator;
    }

    MemorySegment handle() {
        return env;
    }

    void enter() {
        lifetime.enter();
    }

    void exit() {
        lifetime.exit();
    }

    /** Closes the sessions still open, then the environment. */
    @Override
    public void close() {
        lifetime.close(() -> {
            for (Session session : List.copyOf(openSessions)) {
                session.close();
            }
            OrtApi.ReleaseMemoryInfo(cpuMemoryInfo);
            OrtApi.ReleaseEnv(env);
        });
    }
}
