package org.jfoundry.adapters.ort.runtime;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfoundry.adapters.ort.internal.bindings.NativeMemory;
import org.jfoundry.adapters.ort.internal.bindings.OrtApi;
import org.jfoundry.adapters.ort.internal.lifecycle.CallGate;

/**
 * {@code OrtIoBinding}: inputs and outputs bound once, by name, to values that are not copied, then run many times.
 * The typical use binds a KV cache value as both an input and an output. The binding keeps the bound values and
 * checks they are still open at every run. Bind and run from one thread at a time.
 */
public final class IoBinding implements AutoCloseable {
    private final Session session;
    private final MemorySegment handle;
    private final CallGate lifetime;
    private final Map<String, Value> boundInputs = new LinkedHashMap<>();
    private final Map<String, Value> boundOutputs = new LinkedHashMap<>();
    /**
     * Every bound output name in ONNX Runtime's order (first binding of a name; a rebinding keeps its place), with
     * the device its values land on (null: host), so {@link #outputs()} knows which it may read.
     */
    private final Map<String, MemoryLocation> outputOrder = new LinkedHashMap<>();
    /** Snapshot of the bound values, so a run walks an array instead of allocating an iterator. */
    private Value[] pinned = new Value[0];
    /** Set by every bind; the snapshot is taken again at the next run, so rebinding each step costs no copies. */
    private boolean repin;

    IoBinding(Session session) {
        this.session = session;
        this.lifetime = new CallGate("IoBinding of " + session);
        try (Arena call = Arena.ofConfined()) {
            MemorySegment out = call.allocate(ADDRESS);
            Status.check(OrtApi.CreateIoBinding(session.handle(), out), "CreateIoBinding");
            handle = out.get(ADDRESS, 0);
        }
    }

    public IoBinding bindInput(String name, Value value) {
        int index = session.inputIndex(name);
        session.checkInput(index, value);
        bind(name, session.inputName(index), value, true);
        boundInputs.put(name, value);
        repin = true;
        return this;
    }

    /** Binds a pre-allocated output: the run writes into it (its shape must match what the model produces). */
    public IoBinding bindOutput(String name, Value value) {
        int index = session.outputIndex(name);
        bind(name, session.outputName(index), value, false);
        boundOutputs.put(name, value);
        outputOrder.put(name, value.device());
        repin = true;
        return this;
    }

    /** Lets ONNX Runtime allocate the output in CPU memory at each run; read it with {@link #outputs()}. */
    public IoBinding bindOutputToCpu(String name) {
        return bindOutputTo(name, null);
    }

    /**
     * Lets ONNX Runtime allocate the output in {@code location} at each run (null or a host location: CPU memory);
     * {@link #outputs()} returns device outputs as values Java cannot read, ready to bind as another run's input.
     */
    public IoBinding bindOutputTo(String name, MemoryLocation location) {
        int index = session.outputIndex(name);
        MemoryLocation device = location == null || location.isHost() ? null : location;
        lifetime.enter();
        try {
            Status.check(OrtApi.BindOutputToDevice(handle, session.outputName(index),
                    device == null ? session.environmentMemoryInfo() : device.memoryInfo()),
                    "BindOutputToDevice(" + name + ")");
            boundOutputs.remove(name);
            outputOrder.put(name, device);
            repin = true;
            return this;
        } finally {
            lifetime.exit();
        }
    }

    /** {@code cName}: the session's NUL-terminated copy of {@code name}, kept for its lifetime. */
    private void bind(String name, MemorySegment cName, Value value, boolean input) {
        lifetime.enter();
        try {
            value.enter();
            try {
                Status.check(input ? OrtApi.BindInput(handle, cName, value.handle())
                        : OrtApi.BindOutput(handle, cName, value.handle()),
                        (input ? "BindInput(" : "BindOutput(") + name + ")");
            } finally {
                value.exit();
            }
        } finally {
            lifetime.exit();
        }
    }

    private void repin() {
        List<Value> all = new ArrayList<>(boundInputs.values());
        all.addAll(boundOutputs.values());
        pinned = all.toArray(Value[]::new);
    }

    public void clearInputs() {
        lifetime.enter();
        try {
            OrtApi.ClearBoundInputs(handle);
            boundInputs.clear();
            repin = true;
        } finally {
            lifetime.exit();
        }
    }

    public void clearOutputs() {
        lifetime.enter();
        try {
            OrtApi.ClearBoundOutputs(handle);
            boundOutputs.clear();
            outputOrder.clear();
            repin = true;
        } finally {
            lifetime.exit();
        }
    }

    /**
     * Waits for the copies ONNX Runtime made when host inputs were bound for a device (it copies at bind time, so a
     * host buffer written after binding is not seen: rebind it). Needed before a run on another stream; cheap.
     */
    public void synchronizeInputs() {
        lifetime.enter();
        try {
            Status.check(OrtApi.SynchronizeBoundInputs(handle), "SynchronizeBoundInputs");
        } finally {
            lifetime.exit();
        }
    }

    /** Waits until the last run's outputs are complete in their memory, for a provider with its own streams. */
    public void synchronizeOutputs() {
        lifetime.enter();
        try {
            Status.check(OrtApi.SynchronizeBoundOutputs(handle), "SynchronizeBoundOutputs");
        } finally {
            lifetime.exit();
        }
    }

    void runOn(Session target, RunOptions options) {
        if (target != session) {
            throw new IllegalArgumentException("this IoBinding belongs to " + session + ", not " + target);
        }
        if (repin) {
            repin();
            repin = false;
        }
        Value[] values = pinned;
        lifetime.enter();
        try {
            session.enter();
            try {
                RunOptions.enterIfGiven(options);
                try {
                    Value.enterAll(values, null);
                    try {
                        Status.check(OrtApi.RunWithBinding(session.handle(), RunOptions.handleOrNull(options),
                                handle), "RunWithBinding");
                    } finally {
                        Value.exitAll(values, values.length);
                    }
                } finally {
                    RunOptions.exitIfGiven(options);
                }
            } finally {
                session.exit();
            }
        } finally {
            lifetime.exit();
        }
    }

    /**
     * The bound outputs after a run, in binding order, as new values the caller closes (they share memory with
     * pre-allocated outputs, and own what ONNX Runtime allocated for outputs bound to the CPU).
     */
    public List<Value> outputs() {
        lifetime.enter();
        try (Arena call = Arena.ofConfined()) {
            MemorySegment array = call.allocate(ADDRESS);
            MemorySegment count = call.allocate(JAVA_LONG);
            MemorySegment allocator = session.environmentAllocator();
            Status.check(OrtApi.GetBoundOutputValues(handle, allocator, array, count), "GetBoundOutputValues");
            long n = count.get(JAVA_LONG, 0);
            if (n == 0) {
                return List.of();
            }
            MemorySegment values = NativeMemory.elements(array.get(ADDRESS, 0), ADDRESS, n);
            List<Value> result = new ArrayList<>();
            MemoryLocation[] devices = outputOrder.values().toArray(MemoryLocation[]::new);
            try {
                if (devices.length != n) {
                    throw new IllegalStateException("ONNX Runtime returned " + n + " bound outputs, but "
                            + outputOrder.keySet() + " were bound");
                }
                for (int i = 0; i < n; i++) {
                    MemorySegment value = values.getAtIndex(ADDRESS, i);
                    values.setAtIndex(ADDRESS, i, MemorySegment.NULL);
                    result.add(Value.adopt(value, devices[i]));
                }
            } catch (RuntimeException e) {
                result.forEach(Value::close);
                for (int i = 0; i < n; i++) {
                    MemorySegment left = values.getAtIndex(ADDRESS, i);
                    if (left.address() != 0) {
                        OrtApi.ReleaseValue(left);
                    }
                }
                throw e;
            } finally {
                Status.check(OrtApi.AllocatorFree(allocator, values), "AllocatorFree");
            }
            return List.copyOf(result);
        } finally {
            lifetime.exit();
        }
    }

    public boolean isClosed() {
        return lifetime.isClosed();
    }

    @Override
    public String toString() {
        return lifetime.what();
    }

    /** Releases the binding (the bound values stay open: they belong to the caller). */
    @Override
    public void close() {
        lifetime.close(() -> {
            OrtApi.ReleaseIoBinding(handle);
            session.forget(this);
        });
    }
}
