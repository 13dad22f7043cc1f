package org.jfoundry.adapters.ort.runtime;

import static java.lang.foreign.ValueLayout.ADDRESS;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Map;
import org.jfoundry.adapters.ort.internal.bindings.OrtApi;
import org.jfoundry.adapters.ort.internal.lifecycle.CallGate;
import org.jfoundry.ports.model.ExecutionProvider;

/**
 * {@code OrtSessionOptions}: threads, graph optimisation, memory arena, config entries and execution providers.
 * Setters return this; the options may be closed as soon as the sessions using them are open.
 */
public final class SessionOptions implements AutoCloseable {
    private final OrtEnvironment environment;
    private final MemorySegment handle;
    private final CallGate lifetime = new CallGate("session options");

    SessionOptions(OrtEnvironment environment) {
        this.environment = environment;
        try (Arena call = Arena.ofConfined()) {
            MemorySegment out = call.allocate(ADDRESS);
            Status.check(OrtApi.CreateSessionOptions(out), "CreateSessionOptions");
            handle = out.get(ADDRESS, 0);
        }
    }

    /** Threads inside one operator; 0 lets ONNX Runtime choose (one per physical core). */
    public SessionOptions intraOpThreads(int threads) {
        requireNotNegative(threads, "intra-op threads");
        return apply(h -> OrtApi.SetIntraOpNumThreads(h, threads), "SetIntraOpNumThreads");
    }

    /** Threads running independent operators in parallel (used in parallel execution mode). */
    public SessionOptions interOpThreads(int threads) {
        requireNotNegative(threads, "inter-op threads");
        return apply(h -> OrtApi.SetInterOpNumThreads(h, threads), "SetInterOpNumThreads");
    }

    public SessionOptions parallelExecution(boolean parallel) {
        return apply(h -> OrtApi.SetSessionExecutionMode(h, parallel ? 1 : 0), "SetSessionExecutionMode");
    }

    public SessionOptions optimizationLevel(GraphOptimizationLevel level) {
        return apply(h -> OrtApi.SetSessionGraphOptimizationLevel(h, level.code()), "SetSessionGraphOptimizationLevel");
    }

    /** The CPU memory arena speeds up repeated runs at the cost of memory that is kept, not returned. */
    public SessionOptions memoryArena(boolean enabled) {
        return enabled ? apply(OrtApi::EnableCpuMemArena, "EnableCpuMemArena")
                : apply(OrtApi::DisableCpuMemArena, "DisableCpuMemArena");
    }

    public SessionOptions logSeverity(LoggingLevel level) {
        return apply(h -> OrtApi.SetSessionLogSeverityLevel(h, level.ordinal()), "SetSessionLogSeverityLevel");
    }

    /** Uses the environment's global thread pools instead of per-session ones. */
    public SessionOptions useGlobalThreadPools() {
        return apply(OrtApi::DisablePerSessionThreads, "DisablePerSessionThreads");
    }

    /** A session configuration entry (keys in onnxruntime_session_options_config_keys.h). */
    public SessionOptions configEntry(String key, String value) {
        lifetime.enter();
        try (Arena call = Arena.ofConfined()) {
            Status.check(OrtApi.AddSessionConfigEntry(handle, call.allocateFrom(key), call.allocateFrom(value)),
                    "AddSessionConfigEntry(" + key + ")");
            return this;
        } finally {
            lifetime.exit();
        }
    }

    /**
     * Appends an execution provider with its string options. CPU needs nothing appended (it is always the fallback);
     * a provider this build lacks fails with {@link org.jfoundry.ports.failure.ProviderUnavailableException} listing
     * the available ones.
     */
    public SessionOptions executionProvider(ExecutionProvider provider, Map<String, String> options) {
        lifetime.enter();
        try {
            ProviderAppender.append(handle, provider, options == null ? Map.of() : options,
                    environment.availableProviders());
            return this;
        } finally {
            lifetime.exit();
        }
    }

    private SessionOptions apply(java.util.function.ToLongFunction<MemorySegment> call, String name) {
        lifetime.enter();
        try {
            Status.check(call.applyAsLong(handle), name);
            return this;
        } finally {
            lifetime.exit();
        }
    }

    private static void requireNotNegative(int threads, String what) {
        if (threads < 0) {
            throw new IllegalArgumentException(what + " must not be negative, got " + threads);
        }
    }

    void enter() {
        lifetime.enter();
    }

    void exit() {
        lifetime.exit();
    }

    MemorySegment handle() {
        return handle;
    }

    @Override
    public void close() {
        lifetime.close(() -> OrtApi.ReleaseSessionOptions(handle));
    }
}
