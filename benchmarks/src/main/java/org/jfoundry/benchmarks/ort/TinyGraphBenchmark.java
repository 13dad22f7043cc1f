package org.jfoundry.benchmarks.ort;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jfoundry.adapters.ort.runtime.ElementType;
import org.jfoundry.adapters.ort.runtime.IoBinding;
import org.jfoundry.adapters.ort.runtime.OrtEnvironment;
import org.jfoundry.adapters.ort.runtime.PreparedRun;
import org.jfoundry.adapters.ort.runtime.RunOutputs;
import org.jfoundry.adapters.ort.runtime.Session;
import org.jfoundry.adapters.ort.runtime.SessionOptions;
import org.jfoundry.adapters.ort.runtime.Value;
import org.jfoundry.adapters.ort.testing.TestGraphs;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Call latency of one run of a tiny graph ({@code y = x + 1} on 16 floats) through this adapter (FFM) and through
 * ONNX Runtime's official Java API (JNI), both on the same libonnxruntime.so and one intra-op thread.
 *
 * <ul>
 *   <li>{@code ffmPrepared}: pre-bound names and pre-allocated output ({@link PreparedRun}) — the steady-state path.
 *   <li>{@code ffmIoBinding}: the same through {@code RunWithBinding}.
 *   <li>{@code ffmAllocatingOutput}: the general {@code Session.run} that returns a new output value.
 *   <li>{@code jniPinnedOutput}: the official API with a direct-buffer input and a pinned (pre-allocated) output.
 *   <li>{@code jni}: the official API's plain {@code run}, which allocates the output.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@State(Scope.Thread)
public class TinyGraphBenchmark {
    private static final long[] SHAPE = {1, 16};

    private SessionOptions options;
    private Session session;
    private Value x;
    private Value y;
    private Value[] inputs;
    private Value[] outputs;
    private PreparedRun prepared;
    private IoBinding binding;

    private ai.onnxruntime.OrtEnvironment jniEnvironment;
    private OrtSession jniSession;
    private OnnxTensor jniX;
    private OnnxTensor jniY;
    private Map<String, OnnxTensor> jniInputs;
    private Map<String, OnnxTensor> jniOutputs;

    @Setup(Level.Trial)
    public void setUp() throws OrtException {
        OrtEnvironment env = BenchRuntime.get().environment();
        byte[] model = TestGraphs.addOnes(SHAPE);
        options = env.newSessionOptions().intraOpThreads(1);
        session = env.openSession(model, options);
        x = env.allocate(ElementType.FLOAT, SHAPE);
        y = env.allocate(ElementType.FLOAT, SHAPE);
        inputs = new Value[] {x};
        outputs = new Value[] {y};
        prepared = session.prepare(List.of("x"), List.of("y"));
        binding = session.newIoBinding().bindInput("x", x).bindOutput("y", y);

        jniEnvironment = ai.onnxruntime.OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions jniOptions = new OrtSession.SessionOptions();
        jniOptions.setIntraOpNumThreads(1);
        jniSession = jniEnvironment.createSession(model, jniOptions);
        jniX = OnnxTensor.createTensor(jniEnvironment, direct(16), SHAPE);
        jniY = OnnxTensor.createTensor(jniEnvironment, direct(16), SHAPE);
        jniInputs = Map.of("x", jniX);
        jniOutputs = Map.of("y", jniY);
    }

    private static FloatBuffer direct(int floats) {
        return ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    @Benchmark
    public void ffmPrepared() {
        prepared.run(null, inputs, outputs);
    }

    @Benchmark
    public void ffmIoBinding() {
        session.run(null, binding);
    }

    @Benchmark
    public void ffmAllocatingOutput(Blackhole bh) {
        try (RunOutputs out = session.run(null, Map.of("x", x))) {
            bh.consume(out.get(0));
        }
    }

    @Benchmark
    public void jniPinnedOutput(Blackhole bh) throws OrtException {
        try (OrtSession.Result result = jniSession.run(jniInputs, jniOutputs)) {
            bh.consume(result);
        }
    }

    @Benchmark
    public void jni(Blackhole bh) throws OrtException {
        try (OrtSession.Result result = jniSession.run(jniInputs)) {
            bh.consume(result.get(0));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws OrtException {
        binding.close();
        prepared.close();
        x.close();
        y.close();
        session.close();
        options.close();
        jniX.close();
        jniY.close();
        jniSession.close();
    }
}
