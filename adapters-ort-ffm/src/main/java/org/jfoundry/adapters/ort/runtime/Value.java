package org.jfoundry.adapters.ort.runtime;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jfoundry.adapters.ort.internal.bindings.NativeMemory;
import org.jfoundry.adapters.ort.internal.bindings.OrtApi;
import org.jfoundry.adapters.ort.internal.bindings.onnxruntime_c_api_h;
import org.jfoundry.adapters.ort.internal.lifecycle.CallGate;

/**
 * An {@code OrtValue} holding a tensor. Three kinds, one API: caller memory wrapped without copying
 * ({@link OrtEnvironment#wrap}), memory the value owns ({@link OrtEnvironment#allocate}), and outputs ONNX Runtime
 * allocated during a run.
 *
 * <p>Reading and writing never outlives the value: {@link #read} and {@link #write} lend a segment valid for the
 * callback only (cheap, any thread), and {@link #data()} returns a segment that dies when the value is closed, so a
 * late access throws instead of touching freed memory. For outputs, {@code data()} costs a shared arena (its close
 * is a JVM-wide handshake); prefer {@code read} on hot paths.
 */
public final class Value implements AutoCloseable {
    private final MemorySegment handle;
    private final TensorInfo info;
    /** The tensor's bytes with no lifetime of their own: only touched between {@link #enter()} and {@link #exit()}. */
    private final MemorySegment raw;
    /** The segment {@link #data()} returns when it exists: the caller's, or one scoped to {@link #arena}. */
    private volatile MemorySegment data;
    /** Owns the data (allocated values) or scopes {@link #data} over ONNX Runtime's buffer (outputs); else null. */
    private Arena arena;
    private final boolean ortOwned;
    /** Where the bytes live when the JVM cannot read them (device memory); null for host memory. */
    private final MemoryLocation device;
    private final CallGate lifetime;

    private Value(MemorySegment handle, TensorInfo info, MemorySegment raw, MemorySegment data, Arena arena,
                  boolean ortOwned) {
        this(handle, info, raw, data, arena, ortOwned, null);
    }

    private Value(MemorySegment handle, TensorInfo info, MemorySegment raw, MemorySegment data, Arena arena,
                  boolean ortOwned, MemoryLocation device) {
        this.handle = handle;
        this.info = info;
        this.raw = raw;
        this.data = data;
        this.arena = arena;
        this.ortOwned = ortOwned;
        this.device = device;
        this.lifetime = new CallGate("tensor " + info);
    }

    static long elementCount(long[] shape) {
        long count = 1;
        for (long dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has a negative dimension");
            }
            count = Math.multiplyExact(count, dim);
        }
        return count;
    }

    static Value wrap(MemorySegment memoryInfo, MemorySegment data, Arena owner, ElementType type, long[] shape) {
        if (!data.isNative()) {
            throw new IllegalArgumentException("tensor data must be native memory (a heap segment would be copied)");
        }
        long needed = Math.multiplyExact(elementCount(shape), type.byteSize());
        if (data.byteSize() < needed) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " of " + type + " needs " + needed
                    + " bytes but the segment holds " + data.byteSize());
        }
        MemorySegment bytes = data.asSlice(0, needed);
        TensorInfo info = TensorInfo.of(type, shape);
        MemorySegment raw = NativeMemory.unscoped(bytes);
        MemorySegment ortValue;
        try (Arena call = Arena.ofConfined()) {
            MemorySegment dims = call.allocateFrom(JAVA_LONG, shape);
            MemorySegment out = call.allocate(ADDRESS);
            Status.check(OrtApi.CreateTensorWithDataAsOrtValue(memoryInfo, data, needed, dims, shape.length,
                    type.code(), out), "CreateTensorWithDataAsOrtValue");
            ortValue = out.get(ADDRESS, 0);
        }
        try {
            return new Value(ortValue, info, raw, bytes, owner, false);
        } catch (RuntimeException | Error e) {
            OrtApi.ReleaseValue(ortValue);
            throw e;
        }
    }

    /** Takes ownership of an {@code OrtValue*} ONNX Runtime created (a run output); releases it on failure. */
    static Value adopt(MemorySegment ortValue) {
        return adopt(ortValue, null);
    }

    /**
     * Takes ownership of an {@code OrtValue*} whose bytes are in {@code device} memory (null: host memory); its bytes
     * are never touched from Java then.
     */
    static Value adopt(MemorySegment ortValue, MemoryLocation device) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment out = call.allocate(ADDRESS);
            MemorySegment intOut = call.allocate(JAVA_INT);
            Status.check(OrtApi.GetValueType(ortValue, intOut), "GetValueType");
            if (intOut.get(JAVA_INT, 0) != onnxruntime_c_api_h.ONNX_TYPE_TENSOR) {
                throw new UnsupportedOperationException("output of ONNXType " + intOut.get(JAVA_INT, 0)
                        + " is not a tensor; only tensors are supported");
            }
            Status.check(OrtApi.GetTensorTypeAndShape(ortValue, out), "GetTensorTypeAndShape");
            MemorySegment typeAndShape = out.get(ADDRESS, 0);
            TensorInfo info;
            try {
                info = Session.readTensorInfo(call, typeAndShape);
            } finally {
                OrtApi.ReleaseTensorTypeAndShapeInfo(typeAndShape);
            }
            ElementType type = info.elementType();
            Status.check(OrtApi.GetTensorMutableData(ortValue, out), "GetTensorMutableData");
            long bytes = Math.multiplyExact(info.elementCount(), type.byteSize());
            MemorySegment raw = device == null ? NativeMemory.bytes(out.get(ADDRESS, 0), bytes) : MemorySegment.NULL;
            return new Value(ortValue, info, raw, null, null, true, device);
        } catch (RuntimeException | Error e) {
            OrtApi.ReleaseValue(ortValue);
            throw e;
        }
    }

    public TensorInfo info() {
        return info;
    }

    public ElementType elementType() {
        return info.elementType();
    }

    public long[] shape() {
        return info.shape();
    }

    public long elementCount() {
        return info.elementCount();
    }

    public long byteSize() {
        return Math.multiplyExact(info.elementCount(), info.elementType().byteSize());
    }

    /** True when the bytes are in device memory, which Java cannot read or write. */
    public boolean onDevice() {
        return device != null;
    }

    /** The device memory holding the bytes, or null for host memory. */
    MemoryLocation device() {
        return device;
    }

    private void requireHost() {
        if (device != null) {
            throw new IllegalStateException(lifetime.what() + " lives in " + device
                    + " memory; bind a host output to read it");
        }
    }

    /** Lends the tensor's bytes to {@code reader}; the segment is valid during the call only. */
    public <T> T read(Function<MemorySegment, T> reader) {
        requireHost();
        enter();
        try (Arena loan = Arena.ofConfined()) {
            return reader.apply(NativeMemory.scoped(raw, loan));
        } finally {
            exit();
        }
    }

    /** Lends the tensor's bytes to {@code writer} for writing; the segment is valid during the call only. */
    public void write(Consumer<MemorySegment> writer) {
        read(segment -> {
            writer.accept(segment);
            return null;
        });
    }

    /** The tensor's bytes, native and writable, until the value is closed (or the caller's memory is freed). */
    public MemorySegment data() {
        requireHost();
        lifetime.enter();
        try {
            MemorySegment segment = data;
            if (segment == null) {
                synchronized (this) {
                    if (data == null) {
                        arena = Arena.ofShared();
                        data = NativeMemory.scoped(raw, arena);
                    }
                    segment = data;
                }
            }
            return segment;
        } finally {
            lifetime.exit();
        }
    }

    public float[] toFloatArray() {
        return read(ElementType.FLOAT, s -> s.toArray(ValueLayout.JAVA_FLOAT));
    }

    public long[] toLongArray() {
        return read(ElementType.INT64, s -> s.toArray(JAVA_LONG));
    }

    public int[] toIntArray() {
        return read(ElementType.INT32, s -> s.toArray(JAVA_INT));
    }

    public double[] toDoubleArray() {
        return read(ElementType.DOUBLE, s -> s.toArray(ValueLayout.JAVA_DOUBLE));
    }

    /** A copy of the raw bytes, for any element type. */
    public byte[] toByteArray() {
        return read(s -> s.toArray(ValueLayout.JAVA_BYTE));
    }

    private <T> T read(ElementType expected, Function<MemorySegment, T> reader) {
        if (info.elementType() != expected) {
            throw new IllegalStateException("tensor " + info + " holds " + info.elementType() + ", not " + expected);
        }
        return read(reader);
    }

    /** The {@code OrtValue*} for a native call; the caller must hold {@link #enter()}. */
    MemorySegment handle() {
        return handle;
    }

    void enter() {
        lifetime.enter();
        if (!ortOwned && arena == null && !data.scope().isAlive()) {
            lifetime.exit();
            throw new IllegalStateException("the memory wrapped by " + lifetime.what() + " was freed");
        }
    }

    void exit() {
        lifetime.exit();
    }

    /**
     * Enters every value (writing its handle at the same index of {@code handles} when given) so none can be freed
     * during a native call; on failure the ones already entered are left again. Pair with {@link #exitAll}.
     */
    static void enterAll(Value[] values, MemorySegment handles) {
        int entered = 0;
        try {
            for (; entered < values.length; entered++) {
                values[entered].enter();
                if (handles != null) {
                    handles.setAtIndex(ADDRESS, entered, values[entered].handle);
                }
            }
        } catch (RuntimeException e) {
            exitAll(values, entered);
            throw e;
        }
    }

    static void exitAll(Value[] values, int count) {
        for (int i = 0; i < count; i++) {
            values[i].exit();
        }
    }

    public boolean isClosed() {
        return lifetime.isClosed();
    }

    /** Invalidates every segment handed out, then releases the {@code OrtValue} (and owned memory). */
    @Override
    public void close() {
        lifetime.close(this::release);
    }

    private void release() {
        Arena owned;
        synchronized (this) {
            owned = arena;
        }
        if (owned != null && ortOwned) {
            owned.close();
        }
        OrtApi.ReleaseValue(handle);
        if (owned != null && !ortOwned) {
            owned.close();
        }
    }

    @Override
    public String toString() {
        return lifetime.what();
    }
}
