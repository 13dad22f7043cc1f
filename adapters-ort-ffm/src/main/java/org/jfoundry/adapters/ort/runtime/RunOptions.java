package org.jfoundry.adapters.ort.runtime;

import static java.lang.foreign.ValueLayout.ADDRESS;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.jfoundry.adapters.ort.internal.bindings.OrtApi;
import org.jfoundry.adapters.ort.internal.lifecycle.CallGate;

/**
 * {@code OrtRunOptions}: per-run settings and the terminate flag. {@link #terminate()} may be called from any thread
 * while a run using these options is in flight; that run then fails with an {@link OrtException} whose
 * {@link OrtException#isTerminated()} is true. The flag stays set until {@link #clearTerminate()}.
 */
public final class RunOptions implements AutoCloseable {
    private final MemorySegment handle;
    private final CallGate lifetime = new CallGate("run options");

    RunOptions() {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment out = call.allocate(ADDRESS);
            Status.check(OrtApi.CreateRunOptions(out), "CreateRunOptions");
            handle = out.get(ADDRESS, 0);
        }
    }

    /** Asks runs using these options to stop as soon as possible. */
    public void terminate() {
        lifetime.enter();
        try {
            Status.check(OrtApi.RunOptionsSetTerminate(handle), "RunOptionsSetTerminate");
        } finally {
            lifetime.exit();
        }
    }

    /** Clears the terminate flag so the options can serve another run. */
    public void clearTerminate() {
        lifetime.enter();
        try {
            Status.check(OrtApi.RunOptionsUnsetTerminate(handle), "RunOptionsUnsetTerminate");
        } finally {
            lifetime.exit();
        }
    }

    /** Adds a run configuration entry (keys in onnxruntime_run_options_config_keys.h). */
    public RunOptions configEntry(String key, String value) {
        lifetime.enter();
        try (Arena call = Arena.ofConfined()) {
            Status.check(OrtApi.AddRunConfigEntry(handle, call.allocateFrom(key), call.allocateFrom(value)),
                    "AddRunConfigEntry(" + key + ")");
            return this;
        } finally {
            lifetime.exit();
        }
    }

    /** NULL for no options; otherwise the handle, with the caller holding {@link #enter()}. */
    static MemorySegment handleOrNull(RunOptions options) {
        return options == null ? MemorySegment.NULL : options.handle;
    }

    /** Runs may pass no options (null); otherwise the options stay open until the run returns. */
    static void enterIfGiven(RunOptions options) {
        if (options != null) {
            options.lifetime.enter();
        }
    }

    static void exitIfGiven(RunOptions options) {
        if (options != null) {
            options.lifetime.exit();
        }
    }

    @Override
    public void close() {
        lifetime.close(() -> OrtApi.ReleaseRunOptions(handle));
    }
}
