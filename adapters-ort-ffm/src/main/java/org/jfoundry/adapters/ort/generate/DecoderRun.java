package org.jfoundry.adapters.ort.generate;

import org.jfoundry.adapters.ort.runtime.ElementType;
import org.jfoundry.adapters.ort.runtime.IoBinding;
import org.jfoundry.adapters.ort.runtime.MemoryLocation;
import org.jfoundry.adapters.ort.runtime.OrtEnvironment;
import org.jfoundry.adapters.ort.runtime.RunOptions;
import org.jfoundry.adapters.ort.runtime.Session;
import org.jfoundry.adapters.ort.runtime.Value;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * One request's native state on a shared session: its IoBinding, run options (for terminate), KV cache and small
 * input buffers. Prefill runs the prompt at once, then each step feeds one token.
 *
 * <p>The KV cache lives where the session's plan keeps it: host memory on the CPU provider, device memory on CUDA,
 * so decode steps never move it. Share-buffer mode binds one {@code [1, kv_heads, capacity, head_size]} buffer per
 * layer as both past and present, so the attention op appends in place. Otherwise each present, allocated by ONNX
 * Runtime in that memory, is bound as the next past without a copy. Decode logits land in a pre-allocated host
 * {@code [1, 1, vocab]} buffer that the sampler reads in place: the only per-step copy off a device.
 *
 * <p>ONNX Runtime copies a host input to the device when it is bound, not when it runs, so the small host inputs
 * (token, position, mask) are bound again before every run. Not thread-safe, except {@link #terminate()}.
 */
final class DecoderRun implements AutoCloseable {

    private final OrtEnvironment environment;
    private final Session session;
    private final DecoderSignature signature;
    private final boolean shareBuffer;
    private final int capacity;
    private final long vocabBytes;
    private final MemoryLocation cacheLocation;
    private final MemoryLocation presentLocation;
    /** Whether any tensor of a run lives off the host, so runs wait for ONNX Runtime's copies and streams. */
    private final boolean usesDevice;

    private final Arena arena = Arena.ofShared();
    private final RunOptions runOptions;
    private final IoBinding binding;
    private final MemorySegment ones;
    private final Value nextToken;
    private final Value nextPosition;
    private final Value stepLogits;
    private final List<Value> cache = new ArrayList<>();

    private Value promptIds;
    private Value promptPositions;
    private Value mask;
    /** Holds the prefill logits (allocated by ONNX Runtime) until the first step has read them. */
    private Value prefillLogits;
    private int length;
    private long runNanos;
    private long runCpuNanos;
    private volatile boolean terminated;
    private final AtomicBoolean closed = new AtomicBoolean();

    DecoderRun(OrtEnvironment environment, Session session, DecoderSignature signature, boolean shareBuffer,
               int capacity) {
        this.environment = environment;
        this.session = session;
        this.signature = signature;
        this.shareBuffer = shareBuffer;
        this.capacity = capacity;
        this.vocabBytes = (long) signature.vocabSize() * Float.BYTES;
        this.cacheLocation = session.inputLocation(signature.pastKeys().getFirst());
        this.presentLocation = session.outputLocation(signature.presentKeys().getFirst());
        this.usesDevice = !cacheLocation.isHost() || !presentLocation.isHost()
                || !session.inputLocation(signature.inputIds()).isHost()
                || !session.outputLocation(signature.logits()).isHost();
        RunOptions options = null;
        IoBinding io = null;
        try {
            options = environment.newRunOptions();
            io = session.newIoBinding();
            this.runOptions = options;
            this.binding = io;
            this.ones = arena.allocate(JAVA_LONG, capacity);
            for (int i = 0; i < capacity; i++) {
                ones.setAtIndex(JAVA_LONG, i, 1L);
            }
            this.nextToken = environment.allocate(ElementType.INT64, 1, 1);
            this.nextPosition = signature.positionIds() == null ? null : environment.allocate(ElementType.INT64, 1, 1);
            this.stepLogits = environment.allocate(ElementType.FLOAT, 1, 1, signature.vocabSize());
            // Logits first, so they are output 0 of every run's bound outputs.
            binding.bindOutputToCpu(signature.logits());
            bindCache();
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    private void bindCache() {
        long pastLength = shareBuffer ? capacity : 0;
        for (int layer = 0; layer < signature.layers(); layer++) {
            for (boolean key : new boolean[]{true, false}) {
                Value past = session.allocate(cacheLocation, signature.kvType(), 1, signature.kvHeads(), pastLength,
                        signature.headSize());
                cache.add(past);
                String input = key ? signature.pastKeys().get(layer) : signature.pastValues().get(layer);
                String output = key ? signature.presentKeys().get(layer) : signature.presentValues().get(layer);
                binding.bindInput(input, past);
                if (shareBuffer) {
                    binding.bindOutput(output, past);
                } else {
                    binding.bindOutputTo(output, presentLocation);
                }
            }
        }
    }

    /** Runs the prompt; returns the last position's logits, valid until the next call. */
    MemorySegment prefill(long[] ids) {
        if (length != 0) {
            throw new IllegalStateException("prefill runs once per request");
        }
        if (ids.length == 0 || ids.length > capacity) {
            throw new IllegalArgumentException("a prompt of " + ids.length + " tokens does not fit " + capacity);
        }
        int count = ids.length;
        promptIds = environment.tensor(ids, 1, count);
        binding.bindInput(signature.inputIds(), promptIds);
        if (nextPosition != null) {
            long[] positions = new long[count];
            java.util.Arrays.setAll(positions, i -> i);
            promptPositions = environment.tensor(positions, 1, count);
            binding.bindInput(signature.positionIds(), promptPositions);
        }
        bindMask(count);
        run();
        length = count;
        List<Value> outputs = binding.outputs();
        prefillLogits = outputs.getFirst();
        takePresents(outputs);
        return prefillLogits.data().asSlice((long) (count - 1) * vocabBytes, vocabBytes);
    }

    /** Appends one token; returns its logits row, valid until the next call. */
    MemorySegment step(long token) {
        if (length == 0) {
            throw new IllegalStateException("step before prefill");
        }
        if (length >= capacity) {
            throw new IllegalStateException("the cache is full at " + capacity + " tokens");
        }
        if (promptIds != null) {
            switchToSingleTokenInputs();
        }
        nextToken.data().set(JAVA_LONG, 0, token);
        binding.bindInput(signature.inputIds(), nextToken);
        if (nextPosition != null) {
            nextPosition.data().set(JAVA_LONG, 0, length);
            binding.bindInput(signature.positionIds(), nextPosition);
        }
        bindMask(length + 1);
        if (!shareBuffer) {
            // A binding keeps the last run's outputs as pre-allocated ones; presents grow, so ask for fresh ones.
            for (int layer = 0; layer < signature.layers(); layer++) {
                binding.bindOutputTo(signature.presentKeys().get(layer), presentLocation);
                binding.bindOutputTo(signature.presentValues().get(layer), presentLocation);
            }
        }
        run();
        length++;
        if (!shareBuffer) {
            takePresents(binding.outputs());
        }
        return stepLogits.data();
    }

    private void switchToSingleTokenInputs() {
        if (nextPosition != null) {
            promptPositions.close();
            promptPositions = null;
        }
        binding.bindOutput(signature.logits(), stepLogits);
        promptIds.close();
        promptIds = null;
        prefillLogits.close();
        prefillLogits = null;
    }

    private void bindMask(int total) {
        if (signature.attentionMask() == null) {
            return;
        }
        Value previous = mask;
        mask = environment.wrap(ones.asSlice(0, (long) total * Long.BYTES), ElementType.INT64, 1, total);
        binding.bindInput(signature.attentionMask(), mask);
        if (previous != null) {
            previous.close();
        }
    }

    /**
     * Without a shared buffer, each present becomes the next past. Outputs come in binding order: logits, then key
     * and value per layer. Values for pre-allocated outputs are only views and are closed at once.
     */
    private void takePresents(List<Value> outputs) {
        if (outputs.getFirst() != prefillLogits) {
            outputs.getFirst().close();
        }
        for (int i = 1; i < outputs.size(); i++) {
            Value present = outputs.get(i);
            if (shareBuffer) {
                present.close();
                continue;
            }
            int layer = (i - 1) / 2;
            boolean key = (i - 1) % 2 == 0;
            binding.bindInput(key ? signature.pastKeys().get(layer) : signature.pastValues().get(layer), present);
            cache.set(i - 1, present).close();
        }
    }

    private void run() {
        long start = System.nanoTime();
        long cpuStart = ThreadCpu.nanos();
        if (usesDevice) {
            binding.synchronizeInputs();
        }
        session.run(runOptions, binding);
        if (usesDevice) {
            binding.synchronizeOutputs();
        }
        runCpuNanos += ThreadCpu.nanos() - cpuStart;
        runNanos += System.nanoTime() - start;
    }

    /** Tokens in the cache. */
    int length() {
        return length;
    }

    /** Nanoseconds spent inside ONNX Runtime's Run so far. */
    long runNanos() {
        return runNanos;
    }

    /** CPU time of the calling thread inside Run so far (ONNX Runtime's own threads not counted). */
    long runCpuNanos() {
        return runCpuNanos;
    }

    /** Makes the run in flight, and every later one, fail promptly. Safe from any thread, also after close. */
    void terminate() {
        terminated = true;
        try {
            runOptions.terminate();
        } catch (IllegalStateException alreadyClosed) {
            // the request has ended; nothing left to stop
        }
    }

    boolean terminated() {
        return terminated;
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // The binding goes first: it refers to every value below.
        closeAll(binding, promptIds, promptPositions, mask, prefillLogits, nextToken, nextPosition, stepLogits);
        cache.forEach(Value::close);
        cache.clear();
        closeAll(runOptions);
        arena.close();
    }

    private static void closeAll(AutoCloseable... resources) {
        for (AutoCloseable resource : resources) {
            if (resource != null) {
                try {
                    resource.close();
                } catch (Exception ignored) {
                    // closing native objects does not fail in ways a caller could act on
                }
            }
        }
    }
}
