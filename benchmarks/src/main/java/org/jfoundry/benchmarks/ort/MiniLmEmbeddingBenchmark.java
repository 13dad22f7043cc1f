package org.jfoundry.benchmarks.ort;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jfoundry.adapters.ort.testing.MiniLmFolder;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.out.ModelHandle;
import org.jfoundry.ports.out.ModelLoadSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * all-MiniLM-L6-v2 sentence embeddings, tokenisation to pooled unit vectors, through the adapter's {@code ort} engine
 * (FFM) and through the official Java API (JNI) with the same tokenizer, pooling and one intra-op thread. Each
 * operation embeds {@code batch} sentences; embeddings/s = ops/s x batch.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class MiniLmEmbeddingBenchmark {
    @Param({"1", "32"})
    public int batch;

    private List<String> sentences;
    private ModelHandle ffmModel;
    private OrtSession jniSession;
    private ai.onnxruntime.OrtEnvironment jniEnvironment;
    private HuggingFaceTokenizer tokenizer;

    @Setup(Level.Trial)
    public void setUp() throws OrtException, IOException {
        sentences = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            sentences.add("Sentence " + i + " of the benchmark talks about local inference on the JVM with ONNX Runtime.");
        }
        ffmModel = BenchRuntime.get().inferenceEngine()
                .load(new ModelLoadSpec(MiniLmFolder.cachedModel(), org.jfoundry.ports.model.ExecutionProvider.CPU,
                        Map.of(), 1));
        Path folder = MiniLmFolder.get();
        jniEnvironment = ai.onnxruntime.OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        jniSession = jniEnvironment.createSession(folder.resolve("model.onnx").toString(), options);
        tokenizer = HuggingFaceTokenizer.newInstance(folder.resolve("tokenizer.json"),
                Map.of("padding", "true", "truncation", "true", "maxLength", "128"));
    }

    @Benchmark
    public List<float[]> ffm() {
        return ffmModel.embed(sentences, new CancellationSignal()).vectors();
    }

    @Benchmark
    public List<float[]> jni() throws OrtException {
        Encoding[] encodings = tokenizer.batchEncode(sentences);
        long[][] ids = new long[encodings.length][];
        long[][] mask = new long[encodings.length][];
        long[][] types = new long[encodings.length][];
        for (int i = 0; i < encodings.length; i++) {
            ids[i] = encodings[i].getIds();
            mask[i] = encodings[i].getAttentionMask();
            types[i] = encodings[i].getTypeIds();
        }
        try (OnnxTensor idTensor = OnnxTensor.createTensor(jniEnvironment, ids);
             OnnxTensor maskTensor = OnnxTensor.createTensor(jniEnvironment, mask);
             OnnxTensor typeTensor = OnnxTensor.createTensor(jniEnvironment, types);
             OrtSession.Result result = jniSession.run(Map.of("input_ids", idTensor, "attention_mask", maskTensor,
                     "token_type_ids", typeTensor), java.util.Set.of("last_hidden_state"))) {
            float[][][] hidden = (float[][][]) result.get(0).getValue();
            List<float[]> vectors = new ArrayList<>(hidden.length);
            for (int r = 0; r < hidden.length; r++) {
                vectors.add(meanNormalized(hidden[r], mask[r]));
            }
            return vectors;
        }
    }

    private static float[] meanNormalized(float[][] tokens, long[] mask) {
        int width = tokens[0].length;
        double[] sum = new double[width];
        int kept = 0;
        for (int t = 0; t < tokens.length; t++) {
            if (mask[t] == 0) {
                continue;
            }
            kept++;
            for (int d = 0; d < width; d++) {
                sum[d] += tokens[t][d];
            }
        }
        double norm = 0;
        for (int d = 0; d < width; d++) {
            sum[d] /= Math.max(kept, 1);
            norm += sum[d] * sum[d];
        }
        float[] vector = new float[width];
        for (int d = 0; d < width; d++) {
            vector[d] = (float) (sum[d] / Math.sqrt(norm));
        }
        return vector;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws OrtException {
        ffmModel.close();
        jniSession.close();
        tokenizer.close();
    }
}
