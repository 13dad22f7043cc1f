package org.jfoundry.adapters.ort.runtime;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jfoundry.adapters.ort.internal.bindings.NativeHeap;
import org.jfoundry.adapters.ort.internal.bindings.NativeMemory;
import org.jfoundry.adapters.ort.internal.bindings.OrtApi;
import org.jfoundry.adapters.ort.internal.bindings.onnxruntime_c_api_h;
import org.jfoundry.adapters.ort.internal.lifecycle.CallGate;

/**
 * {@code OrtSession}: a loaded model with its input and output signature. Runs may be issued from several threads at
 * once (ONNX Runtime's {@code Run} is thread-safe); {@link #close()} waits for runs in flight, so terminate them
 * first when they may take long.
 */
public final class Session implements AutoCloseable {
    private static final Value[] NO_VALUES = new Value[0];
    private final OrtEnvironment environment;
    private final MemorySegment handle;
    private final CallGate lifetime;
    private final List<NodeInfo> inputs;
    private final List<NodeInfo> outputs;
    private final Map<String, Integer> inputIndex = new HashMap<>();
    private final Map<String, Integer> outputIndex = new HashMap<>();
    /** NUL-terminated input and output names, kept for the session's lifetime so runs need not encode them. */
    private final Arena names;
    private final MemorySegment[] inputNames;
    private final MemorySegment[] outputNames;
    private final List<MemoryLocation> inputLocations;
    private final List<MemoryLocation> outputLocations;
    /** Device allocators by memory info address, created on first use and released with the session. */
    private final Map<Long, MemorySegment> deviceAllocators = new java.util.concurrent.ConcurrentHashMap<>();
    /** Bindings hold session state inside ONNX Runtime: they are released before the session. */
    private final java.util.Set<IoBinding> bindings = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private Session(OrtEnvironment environment, MemorySegment handle, String what, Arena names) {
        this.environment = environment;
        this.handle = handle;
        this.lifetime = new CallGate(what);
        this.names = names;
        this.inputs = describe(true);
        this.outputs = describe(false);
        this.inputNames = encode(inputs, inputIndex);
        this.outputNames = encode(outputs, outputIndex);
        this.inputLocations = locations(true, inputs.size());
        this.outputLocations = locations(false, outputs.size());
    }

    private List<MemoryLocation> locations(boolean input, int count) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment infos = call.allocate(ADDRESS, Math.max(1, count));
            Status.check(input ? OrtApi.SessionGetMemoryInfoForInputs(handle, infos, count)
                    : OrtApi.SessionGetMemoryInfoForOutputs(handle, infos, count),
                    input ? "SessionGetMemoryInfoForInputs" : "SessionGetMemoryInfoForOutputs");
            List<MemoryLocation> found = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                found.add(MemoryLocation.of(infos.getAtIndex(ADDRESS, i)));
            }
            return List.copyOf(found);
        }
    }

    static Session fromFile(OrtEnvironment environment, Path model, SessionOptions options) {
        return create(environment, options, "session on " + model.getFileName(), (call, env, opts, out) ->
                OrtApi.CreateSession(env, call.allocateFrom(model.toAbsolutePath().toString()), opts, out),
                "CreateSession(" + model + ")", Arena::ofShared);
    }

    static Session fromBytes(OrtEnvironment environment, byte[] model, SessionOptions options) {
        return fromBytes(environment, model, options, Arena::ofShared);
    }

    /** {@code namesArena}: where the input and output names go; closed here when the session cannot be built. */
    static Session fromBytes(OrtEnvironment environment, byte[] model, SessionOptions options,
                             Supplier<Arena> namesArena) {
        return create(environment, options, "session on " + model.length + " model bytes", (call, env, opts, out) -> {
            MemorySegment bytes = call.allocate(model.length);
            MemorySegment.copy(model, 0, bytes, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, model.length);
            return OrtApi.CreateSessionFromArray(env, bytes, model.length, opts, out);
        }, "CreateSessionFromArray", namesArena);
    }

    private interface Creator {
        long create(Arena call, MemorySegment env, MemorySegment options, MemorySegment out);
    }

    private static Session create(OrtEnvironment environment, SessionOptions options, String what, Creator creator,
                                  String callName, Supplier<Arena> namesArena) {
        environment.enter();
        options.enter();
        try (Arena call = Arena.ofConfined()) {
            MemorySegment out = call.allocate(ADDRESS);
            Status.check(creator.create(call, environment.handle(), options.handle(), out), callName);
            MemorySegment session = out.get(ADDRESS, 0);
            Arena names = null;
            try {
                names = namesArena.get();
                return new Session(environment, session, what, names);
            } catch (RuntimeException | Error e) {
                if (names != null) {
                    names.close();
                }
                OrtApi.ReleaseSession(session);
                throw e;
            }
        } finally {
            options.exit();
            environment.exit();
        }
    }

    public List<NodeInfo> inputs() {
        return inputs;
    }

    public List<NodeInfo> outputs() {
        return outputs;
    }

    public List<String> inputNames() {
        return inputs.stream().map(NodeInfo::name).toList();
    }

    public List<String> outputNames() {
        return outputs.stream().map(NodeInfo::name).toList();
    }

    public NodeInfo input(String name) {
        return inputs.get(indexOf(inputIndex, name, "input", inputNames()));
    }

    public NodeInfo output(String name) {
        return outputs.get(indexOf(outputIndex, name, "output", outputNames()));
    }

    /** Where the session's plan keeps {@code name}: a value bound there is used without a copy. */
    public MemoryLocation inputLocation(String name) {
        return inputLocations.get(indexOf(inputIndex, name, "input", inputNames()));
    }

    /** Where the session's plan produces {@code name}. */
    public MemoryLocation outputLocation(String name) {
        return outputLocations.get(indexOf(outputIndex, name, "output", outputNames()));
    }

    /**
     * A tensor in {@code location}: zeroed host memory ({@link OrtEnvironment#allocate}), or uninitialised device
     * memory from the session's allocator for that device. Close device tensors before the session.
     */
    public Value allocate(MemoryLocation location, ElementType type, long... shape) {
        if (location.isHost()) {
            return environment.allocate(type, shape);
        }
        lifetime.enter();
        try (Arena call = Arena.ofConfined()) {
            MemorySegment allocator = deviceAllocators.computeIfAbsent(location.memoryInfo().address(), address -> {
                MemorySegment out = call.allocate(ADDRESS);
                Status.check(OrtApi.CreateAllocator(handle, location.memoryInfo(), out),
                        "CreateAllocator(" + location + ")");
                return out.get(ADDRESS, 0);
            });
            MemorySegment dims = call.allocateFrom(JAVA_LONG, shape);
            MemorySegment out = call.allocate(ADDRESS);
            Status.check(OrtApi.CreateTensorAsOrtValue(allocator, dims, shape.length, type.code(), out),
                    "CreateTensorAsOrtValue(" + location + ")");
            return Value.adopt(out.get(ADDRESS, 0), location);
        } finally {
            lifetime.exit();
        }
    }

    /** Runs the model and returns every output, in signature order; the caller closes the result. */
    public RunOutputs run(RunOptions options, Map<String, Value> feeds) {
        return run(options, feeds, outputNames());
    }

    /** Runs the model and returns the named outputs, which ONNX Runtime allocates; the caller closes the result. */
    public RunOutputs run(RunOptions options, Map<String, Value> feeds, List<String> wanted) {
        int[] in = inputIndexes(feeds.keySet());
        int[] out = new int[wanted.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = indexOf(outputIndex, wanted.get(i), "output", outputNames());
        }
        Value[] values = feeds.values().toArray(Value[]::new);
        checkInputs(in, values);
        MemorySegment[] produced = new MemorySegment[out.length];
        try (Arena call = Arena.ofConfined()) {
            MemorySegment outputArray = call.allocate(ADDRESS, Math.max(1, out.length));
            invoke(call, options, in, values, out, null, outputArray);
            for (int i = 0; i < out.length; i++) {
                produced[i] = outputArray.getAtIndex(ADDRESS, i);
            }
        }
        List<Value> adopted = new ArrayList<>(out.length);
        try {
            for (int i = 0; i < out.length; i++) {
                MemorySegment next = produced[i];
                produced[i] = null; // adopt owns it from here, and releases it itself if it fails
                adopted.add(Value.adopt(next));
            }
        } catch (RuntimeException e) {
            adopted.forEach(Value::close);
            for (MemorySegment left : produced) {
                if (left != null) {
                    OrtApi.ReleaseValue(left);
                }
            }
            throw e;
        }
        return new RunOutputs(wanted, adopted);
    }

    /** Runs the model writing into pre-allocated outputs (their shapes must match what the model produces). */
    public void run(RunOptions options, Map<String, Value> feeds, Map<String, Value> fetches) {
        int[] in = inputIndexes(feeds.keySet());
        int[] out = new int[fetches.size()];
        int i = 0;
        for (String name : fetches.keySet()) {
            out[i++] = indexOf(outputIndex, name, "output", outputNames());
        }
        Value[] values = feeds.values().toArray(Value[]::new);
        Value[] targets = fetches.values().toArray(Value[]::new);
        checkInputs(in, values);
        try (Arena call = Arena.ofConfined()) {
            invoke(call, options, in, values, out, targets, call.allocate(ADDRESS, Math.max(1, out.length)));
        }
    }

    /** Runs with the inputs and outputs bound to {@code binding}. */
    public void run(RunOptions options, IoBinding binding) {
        binding.runOn(this, options);
    }

    /** A reusable run over fixed input and output names that allocates nothing per call. */
    public PreparedRun prepare(List<String> inputNamesInOrder, List<String> outputNamesInOrder) {
        int[] in = inputIndexes(inputNamesInOrder);
        int[] out = new int[outputNamesInOrder.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = indexOf(outputIndex, outputNamesInOrder.get(i), "output", outputNames());
        }
        lifetime.enter();
        try {
            return new PreparedRun(this, in, out, Arena::ofShared);
        } finally {
            lifetime.exit();
        }
    }

    public IoBinding newIoBinding() {
        lifetime.enter();
        try {
            IoBinding binding = new IoBinding(this);
            bindings.add(binding);
            return binding;
        } finally {
            lifetime.exit();
        }
    }

    private void invoke(Arena call, RunOptions options, int[] in, Value[] values, int[] out, Value[] targets,
                        MemorySegment outputArray) {
        MemorySegment inNames = call.allocate(ADDRESS, Math.max(1, in.length));
        MemorySegment inValues = call.allocate(ADDRESS, Math.max(1, in.length));
        MemorySegment outNames = call.allocate(ADDRESS, Math.max(1, out.length));
        for (int i = 0; i < in.length; i++) {
            inNames.setAtIndex(ADDRESS, i, inputNames[in[i]]);
        }
        for (int i = 0; i < out.length; i++) {
            outNames.setAtIndex(ADDRESS, i, outputNames[out[i]]);
        }
        lifetime.enter();
        try {
            RunOptions.enterIfGiven(options);
            try {
                Value.enterAll(values, inValues);
                try {
                    runWithTargets(options, in.length, inNames, inValues, out.length, outNames, targets, outputArray);
                } finally {
                    Value.exitAll(values, values.length);
                }
            } finally {
                RunOptions.exitIfGiven(options);
            }
        } finally {
            lifetime.exit();
        }
    }

    private void runWithTargets(RunOptions options, int inCount, MemorySegment inNames, MemorySegment inValues,
                                int outCount, MemorySegment outNames, Value[] targets, MemorySegment outputArray) {
        Value[] entered = targets == null ? NO_VALUES : targets;
        Value.enterAll(entered, outputArray);
        try {
            Status.check(OrtApi.Run(handle, RunOptions.handleOrNull(options), inNames, inValues, inCount, outNames,
                    outCount, outputArray), "Run");
        } finally {
            Value.exitAll(entered, entered.length);
        }
    }

    private int[] inputIndexes(java.util.Collection<String> names) {
        int[] in = new int[names.size()];
        int i = 0;
        for (String name : names) {
            in[i++] = indexOf(inputIndex, name, "input", inputNames());
        }
        return in;
    }

    /** Fails with a readable message when a value's type or shape cannot feed the declared input. */
    void checkInputs(int[] in, Value[] values) {
        for (int i = 0; i < in.length; i++) {
            checkInput(in[i], values[i]);
        }
    }

    void checkInput(int index, Value value) {
        TensorInfo declared = inputs.get(index).tensor();
        if (declared == null) {
            throw new IllegalArgumentException("input '" + inputs.get(index).name() + "' is not a tensor input");
        }
        TensorInfo given = value.info();
        if (!declared.accepts(given)) {
            throw new IllegalArgumentException("input '" + inputs.get(index).name() + "' expects " + declared
                    + " but was given " + given);
        }
    }

    int inputIndex(String name) {
        return indexOf(inputIndex, name, "input", inputNames());
    }

    int outputIndex(String name) {
        return indexOf(outputIndex, name, "output", outputNames());
    }

    MemorySegment inputName(int index) {
        return inputNames[index];
    }

    MemorySegment outputName(int index) {
        return outputNames[index];
    }

    private static int indexOf(Map<String, Integer> index, String name, String kind, List<String> known) {
        Integer i = index.get(name);
        if (i == null) {
            throw new IllegalArgumentException("the model has no " + kind + " named '" + name + "'; its " + kind
                    + "s are " + known);
        }
        return i;
    }

    private MemorySegment[] encode(List<NodeInfo> nodes, Map<String, Integer> index) {
        MemorySegment[] encoded = new MemorySegment[nodes.size()];
        for (int i = 0; i < encoded.length; i++) {
            encoded[i] = names.allocateFrom(nodes.get(i).name());
            index.put(nodes.get(i).name(), i);
        }
        return encoded;
    }

    private List<NodeInfo> describe(boolean input) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment count = call.allocate(JAVA_LONG);
            Status.check(input ? OrtApi.SessionGetInputCount(handle, count)
                    : OrtApi.SessionGetOutputCount(handle, count), input ? "SessionGetInputCount" : "SessionGetOutputCount");
            List<NodeInfo> nodes = new ArrayList<>();
            MemorySegment out = call.allocate(ADDRESS);
            for (long i = 0; i < count.get(JAVA_LONG, 0); i++) {
                Status.check(input ? OrtApi.SessionGetInputName(handle, i, environment.defaultAllocator(), out)
                        : OrtApi.SessionGetOutputName(handle, i, environment.defaultAllocator(), out), "SessionGetName");
                MemorySegment name = out.get(ADDRESS, 0);
                String text;
                try {
                    text = NativeMemory.string(name);
                } finally {
                    Status.check(OrtApi.AllocatorFree(environment.defaultAllocator(), name), "AllocatorFree");
                }
                Status.check(input ? OrtApi.SessionGetInputTypeInfo(handle, i, out)
                        : OrtApi.SessionGetOutputTypeInfo(handle, i, out), "SessionGetTypeInfo");
                MemorySegment typeInfo = out.get(ADDRESS, 0);
                try {
                    nodes.add(describeNode(call, text, typeInfo));
                } finally {
                    OrtApi.ReleaseTypeInfo(typeInfo);
                }
            }
            return List.copyOf(nodes);
        }
    }

    private static NodeInfo describeNode(Arena call, String name, MemorySegment typeInfo) {
        MemorySegment kind = call.allocate(JAVA_INT);
        Status.check(OrtApi.GetOnnxTypeFromTypeInfo(typeInfo, kind), "GetOnnxTypeFromTypeInfo");
        int onnxType = kind.get(JAVA_INT, 0);
        if (onnxType != onnxruntime_c_api_h.ONNX_TYPE_TENSOR) {
            return new NodeInfo(name, onnxType, null);
        }
        MemorySegment out = call.allocate(ADDRESS);
        Status.check(OrtApi.CastTypeInfoToTensorInfo(typeInfo, out), "CastTypeInfoToTensorInfo");
        return new NodeInfo(name, onnxType, readTensorInfo(call, out.get(ADDRESS, 0)));
    }

    /** Reads element type and dimensions from an {@code OrtTensorTypeAndShapeInfo*} (not released here). */
    static TensorInfo readTensorInfo(Arena call, MemorySegment typeAndShape) {
        MemorySegment element = call.allocate(JAVA_INT);
        MemorySegment rank = call.allocate(JAVA_LONG);
        Status.check(OrtApi.GetTensorElementType(typeAndShape, element), "GetTensorElementType");
        Status.check(OrtApi.GetDimensionsCount(typeAndShape, rank), "GetDimensionsCount");
        long n = rank.get(JAVA_LONG, 0);
        MemorySegment dims = call.allocate(JAVA_LONG, Math.max(1, n));
        Status.check(OrtApi.GetDimensions(typeAndShape, dims, n), "GetDimensions");
        return new TensorInfo(element.get(JAVA_INT, 0), Arrays.copyOf(dims.toArray(JAVA_LONG), (int) n));
    }

    MemorySegment handle() {
        return handle;
    }

    void forget(IoBinding binding) {
        bindings.remove(binding);
    }

    MemorySegment environmentMemoryInfo() {
        return environment.cpuMemoryInfo();
    }

    MemorySegment environmentAllocator() {
        return environment.defaultAllocator();
    }

    void enter() {
        lifetime.enter();
    }

    void exit() {
        lifetime.exit();
    }

    public boolean isClosed() {
        return lifetime.isClosed();
    }

    /** Waits for runs in flight, then releases the session. */
    @Override
    public void close() {
        lifetime.close(this::release);
    }

    /** Children before the session: bindings, device allocators; then the names its runs pointed at. */
    private void release() {
        for (IoBinding binding : List.copyOf(bindings)) {
            binding.close();
        }
        deviceAllocators.values().forEach(OrtApi::ReleaseAllocator);
        deviceAllocators.clear();
        OrtApi.ReleaseSession(handle);
        names.close();
        environment.forget(this);
        // The session's weights and buffers are free now, but glibc would keep them in the process.
        NativeHeap.trim();
    }

    @Override
    public String toString() {
        return lifetime.what();
    }
}
