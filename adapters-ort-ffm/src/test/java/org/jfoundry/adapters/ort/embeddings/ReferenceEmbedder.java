package org.jfoundry.adapters.ort.embeddings;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An independent sentence embedder on ONNX Runtime's official Java API (JNI), for comparison in tests only. It loads
 * the same libonnxruntime.so as the adapter (set through {@code onnxruntime.native.onnxruntime.path}).
 */
final class ReferenceEmbedder implements AutoCloseable {
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;

    ReferenceEmbedder(Path library, Path folder, int maxTokens) throws Exception {
        System.setProperty("onnxruntime.native.onnxruntime.path", library.toString());
        environment = OrtEnvironment.getEnvironment();
        session = environment.createSession(folder.resolve("model.onnx").toString(), new OrtSession.SessionOptions());
        tokenizer = HuggingFaceTokenizer.newInstance(folder.resolve("tokenizer.json"),
                Map.of("padding", "false", "truncation", "true", "maxLength", Integer.toString(maxTokens)));
    }

    /** One input at a time, no padding: pooling over every token is then plainly right. */
    List<float[]> embed(List<String> inputs) throws Exception {
        List<float[]> vectors = new ArrayList<>();
        for (String input : inputs) {
            Encoding encoding = tokenizer.encode(input);
            long[][] ids = {encoding.getIds()};
            long[][] mask = {encoding.getAttentionMask()};
            long[][] types = {encoding.getTypeIds()};
            try (OnnxTensor idTensor = OnnxTensor.createTensor(environment, ids);
                 OnnxTensor maskTensor = OnnxTensor.createTensor(environment, mask);
                 OnnxTensor typeTensor = OnnxTensor.createTensor(environment, types);
                 OrtSession.Result result = session.run(Map.of("input_ids", idTensor, "attention_mask", maskTensor,
                         "token_type_ids", typeTensor))) {
                float[][][] hidden = (float[][][]) result.get("last_hidden_state").orElseThrow().getValue();
                vectors.add(meanNormalized(hidden[0]));
            }
        }
        return vectors;
    }

    private static float[] meanNormalized(float[][] tokens) {
        int width = tokens[0].length;
        double[] sum = new double[width];
        for (float[] token : tokens) {
            for (int d = 0; d < width; d++) {
                sum[d] += token[d];
            }
        }
        double norm = 0;
        for (int d = 0; d < width; d++) {
            sum[d] /= tokens.length;
            norm += sum[d] * sum[d];
        }
        norm = Math.sqrt(norm);
        float[] vector = new float[width];
        for (int d = 0; d < width; d++) {
            vector[d] = (float) (sum[d] / norm);
        }
        return vector;
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    @Override
    public void close() throws Exception {
        session.close();
        tokenizer.close();
    }
}
