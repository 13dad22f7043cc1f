package org.jfoundry.adapters.modelimport.whisper;

import static org.jfoundry.adapters.modelimport.onnx.OnnxGraph.attr;
import static org.jfoundry.adapters.modelimport.onnx.OnnxGraph.attrs;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import java.util.function.LongConsumer;
import org.jfoundry.adapters.modelimport.onnx.ExternalData;
import org.jfoundry.adapters.modelimport.onnx.OnnxGraph;
import org.jfoundry.ports.inference.CancellationSignal;

/**
 * Builds Whisper's two ONNX graphs from a CTranslate2 {@code WhisperSpec}, weights in float32:
 * <ul>
 *   <li>the encoder: {@code mel [1, mels, 3000]} to every decoder layer's cross-attention keys
 *   {@code cross.i.key [1, heads, headSize, 1500]} (already transposed for the product with queries) and values
 *   {@code cross.i.value [1, heads, 1500, headSize]}, computed once per 30-second window;</li>
 *   <li>the decoder: {@code input_ids [1, tokens]}, the self-attention cache {@code past.i.key/value
 *   [1, heads, past, headSize]} (past may be 0) and the cross keys/values, to the next token's {@code logits
 *   [1, vocab]} and the grown cache {@code present.i.key/value}.</li>
 * </ul>
 * CTranslate2's layout: self-attention {@code linear_0} holds q, k, v fused, {@code linear_1} is the output;
 * cross-attention {@code linear_0} is q, {@code linear_1} k and v fused, {@code linear_2} the output; the output
 * projection is the token embedding. The attention scale {@code 1/sqrt(headSize)} is folded into the query weights.
 */
final class WhisperGraphs {

    static final int AUDIO_FRAMES = 3000;
    private static final float LAYER_NORM_EPSILON = 1e-5f;

    private final CTranslate2Model model;
    private final WhisperDimensions dims;
    private final CancellationSignal cancel;
    private final LongConsumer progress;

    WhisperGraphs(CTranslate2Model model, WhisperDimensions dims, CancellationSignal cancel, LongConsumer progress) {
        this.model = model;
        this.dims = dims;
        this.cancel = cancel;
        this.progress = progress;
    }

    OnnxGraph encoder(ExternalData data) {
        OnnxGraph g = new OnnxGraph("whisper_encoder");
        g.input("mel", DataType.FLOAT, 1, dims.melBins(), AUDIO_FRAMES);
        Weights w = new Weights(g, data);
        String x = gelu(g, g.op("Conv", convolution(1), "mel", w.raw("encoder/conv1/weight"),
                w.raw("encoder/conv1/bias")));
        x = gelu(g, g.op("Conv", convolution(2), x, w.raw("encoder/conv2/weight"), w.raw("encoder/conv2/bias")));
        x = g.op("Transpose", attrs(attr("perm", 0L, 2L, 1L)), x); // [1, 1500, d]
        x = g.op("Add", x, w.raw("encoder/position_encodings/encodings"));
        for (int i = 0; i < dims.encoderLayers(); i++) {
            String layer = "encoder/layer_" + i;
            String h = layerNorm(g, w, x, layer + "/self_attention/layer_norm");
            String[] qkv = split(g, w.linear(h, layer + "/self_attention/linear_0", dims.dModel()), 3);
            String attended = attend(g, heads(g, qkv[0]), transposedHeads(g, qkv[1]), heads(g, qkv[2]), null);
            x = g.op("Add", x, w.linear(mergeHeads(g, attended), layer + "/self_attention/linear_1", 0));
            x = g.op("Add", x, feedForward(g, w, x, layer + "/ffn"));
        }
        x = layerNorm(g, w, x, "encoder/layer_norm");
        for (int i = 0; i < dims.decoderLayers(); i++) {
            String[] kv = split(g, w.linear(x, "decoder/layer_" + i + "/attention/linear_1", 0), 2);
            g.node("", "Identity", attrs(), new String[] {transposedHeads(g, kv[0])}, "cross." + i + ".key");
            g.node("", "Identity", attrs(), new String[] {heads(g, kv[1])}, "cross." + i + ".value");
            g.output("cross." + i + ".key", DataType.FLOAT, 1, dims.heads(), dims.headSize(), AUDIO_FRAMES / 2);
            g.output("cross." + i + ".value", DataType.FLOAT, 1, dims.heads(), AUDIO_FRAMES / 2, dims.headSize());
        }
        return g;
    }

    OnnxGraph decoder(ExternalData data) {
        OnnxGraph g = new OnnxGraph("whisper_decoder");
        Weights w = new Weights(g, data);
        g.input("input_ids", DataType.INT64, 1, "tokens");
        for (int i = 0; i < dims.decoderLayers(); i++) {
            g.input("past." + i + ".key", DataType.FLOAT, 1, dims.heads(), "past", dims.headSize());
            g.input("past." + i + ".value", DataType.FLOAT, 1, dims.heads(), "past", dims.headSize());
        }
        for (int i = 0; i < dims.decoderLayers(); i++) {
            g.input("cross." + i + ".key", DataType.FLOAT, 1, dims.heads(), dims.headSize(), AUDIO_FRAMES / 2);
            g.input("cross." + i + ".value", DataType.FLOAT, 1, dims.heads(), AUDIO_FRAMES / 2, dims.headSize());
        }
        String pastLength = g.op("Squeeze", g.op("Shape", attrs(attr("start", 2L), attr("end", 3L)), "past.0.key"));
        String tokens = g.op("Squeeze", g.op("Shape", attrs(attr("start", 1L), attr("end", 2L)), "input_ids"));
        String total = g.op("Add", pastLength, tokens);
        String positions = g.op("Range", pastLength, total, g.int64Scalar("one", 1));
        String embeddings = w.raw("decoder/embeddings/weight");
        String x = g.op("Add", g.op("Gather", embeddings, "input_ids"),
                g.op("Gather", w.raw("decoder/position_encodings/encodings"), positions));
        // Token t (at position past + t) sees keys 0..past + t: the rest get a large negative score.
        String keyPositions = g.op("Unsqueeze", g.op("Range", g.int64Scalar("zero", 0), total, "one"),
                g.int64s("axes0", 0));
        String queryPositions = g.op("Unsqueeze", positions, g.int64s("axes1", 1));
        String causal = g.op("Where", g.op("Greater", keyPositions, queryPositions),
                g.floatScalar("masked", -1e9f), g.floatScalar("open", 0f));
        for (int i = 0; i < dims.decoderLayers(); i++) {
            String layer = "decoder/layer_" + i;
            String h = layerNorm(g, w, x, layer + "/self_attention/layer_norm");
            String[] qkv = split(g, w.linear(h, layer + "/self_attention/linear_0", dims.dModel()), 3);
            String presentKey = "present." + i + ".key";
            String presentValue = "present." + i + ".value";
            g.node("", "Concat", attrs(attr("axis", 2L)), new String[] {"past." + i + ".key", heads(g, qkv[1])},
                    presentKey);
            g.node("", "Concat", attrs(attr("axis", 2L)), new String[] {"past." + i + ".value", heads(g, qkv[2])},
                    presentValue);
            String keysT = g.op("Transpose", attrs(attr("perm", 0L, 1L, 3L, 2L)), presentKey);
            String attended = attend(g, heads(g, qkv[0]), keysT, presentValue, causal);
            x = g.op("Add", x, w.linear(mergeHeads(g, attended), layer + "/self_attention/linear_1", 0));

            h = layerNorm(g, w, x, layer + "/attention/layer_norm");
            String q = heads(g, w.linear(h, layer + "/attention/linear_0", dims.dModel()));
            attended = attend(g, q, "cross." + i + ".key", "cross." + i + ".value", null);
            x = g.op("Add", x, w.linear(mergeHeads(g, attended), layer + "/attention/linear_2", 0));
            x = g.op("Add", x, feedForward(g, w, x, layer + "/ffn"));
        }
        x = layerNorm(g, w, x, "decoder/layer_norm");
        String last = g.op("Gather", attrs(attr("axis", 1L)), x, g.int64Scalar("last", -1)); // [1, d]
        g.node("", "Gemm", attrs(attr("transB", 1L)), new String[] {last, embeddings}, "logits");
        g.output("logits", DataType.FLOAT, 1, dims.vocabularySize());
        for (int i = 0; i < dims.decoderLayers(); i++) {
            g.output("present." + i + ".key", DataType.FLOAT, 1, dims.heads(), "total", dims.headSize());
            g.output("present." + i + ".value", DataType.FLOAT, 1, dims.heads(), "total", dims.headSize());
        }
        return g;
    }

    /** Kernel 3, padded by 1 on each side. */
    private static ai.onnx.proto.OnnxMl.AttributeProto[] convolution(long stride) {
        return attrs(attr("kernel_shape", new long[] {3}), attr("pads", 1L, 1L), attr("strides", new long[] {stride}));
    }

    private String feedForward(OnnxGraph g, Weights w, String x, String prefix) {
        String h = layerNorm(g, w, x, prefix + "/layer_norm");
        return w.linear(gelu(g, w.linear(h, prefix + "/linear_0", 0)), prefix + "/linear_1", 0);
    }

    private String layerNorm(OnnxGraph g, Weights w, String x, String prefix) {
        return g.op("LayerNormalization", attrs(attr("axis", -1L), attr("epsilon", LAYER_NORM_EPSILON)),
                x, w.raw(prefix + "/gamma"), w.raw(prefix + "/beta"));
    }

    private static String gelu(OnnxGraph g, String x) {
        return g.msOp("Gelu", attrs(), x); // the exact (erf) GELU, as torch.nn.GELU()
    }

    private String[] split(OnnxGraph g, String x, int parts) {
        long[] sizes = new long[parts];
        java.util.Arrays.fill(sizes, dims.dModel());
        String[] outputs = new String[parts];
        for (int p = 0; p < parts; p++) {
            outputs[p] = x + "_part" + p;
        }
        g.node("", "Split", attrs(attr("axis", -1L)), new String[] {x, g.int64s("split" + parts, sizes)}, outputs);
        return outputs;
    }

    /** [1, T, d] to [1, heads, T, headSize]. */
    private String heads(OnnxGraph g, String x) {
        return g.op("Transpose", attrs(attr("perm", 0L, 2L, 1L, 3L)), g.op("Reshape", x, headShape(g)));
    }

    /** [1, T, d] to [1, heads, headSize, T]. */
    private String transposedHeads(OnnxGraph g, String x) {
        return g.op("Transpose", attrs(attr("perm", 0L, 2L, 3L, 1L)), g.op("Reshape", x, headShape(g)));
    }

    private String headShape(OnnxGraph g) {
        return g.int64s("head_shape", 0, -1, dims.heads(), dims.headSize());
    }

    /** [1, heads, T, headSize] to [1, T, d]. */
    private String mergeHeads(OnnxGraph g, String x) {
        return g.op("Reshape", g.op("Transpose", attrs(attr("perm", 0L, 2L, 1L, 3L)), x),
                g.int64s("model_shape", 0, -1, dims.dModel()));
    }

    /** Scaled dot-product attention; the scale is already in the queries. */
    private static String attend(OnnxGraph g, String queries, String keysT, String values, String bias) {
        String scores = g.op("MatMul", queries, keysT);
        if (bias != null) {
            scores = g.op("Add", scores, bias);
        }
        return g.op("MatMul", g.op("Softmax", attrs(attr("axis", -1L)), scores), values);
    }

    /** Writes source tensors into the external data file as float32, one at a time. */
    private final class Weights {
        private final OnnxGraph g;
        private final ExternalData data;
        private final java.util.Set<String> written = new java.util.HashSet<>();

        Weights(OnnxGraph g, ExternalData data) {
            this.g = g;
            this.data = data;
        }

        /** A tensor as stored; written once per graph even when asked for twice. */
        String raw(String name) {
            String onnxName = name.replace('/', '.');
            if (written.add(onnxName)) {
                g.initializer(data.floats(onnxName, read(name), model.shape(name)));
            }
            return onnxName;
        }

        /**
         * {@code x W^T + b} for the CTranslate2 linear layer at {@code prefix} (weight {@code [out, in]}); the first
         * {@code scaledRows} outputs (the queries) are multiplied by {@code 1/sqrt(headSize)}.
         */
        String linear(String x, String prefix, int scaledRows) {
            String name = prefix.replace('/', '.');
            long[] shape = model.shape(prefix + "/weight");
            int out = (int) shape[0];
            int in = (int) shape[1];
            float[] weight = read(prefix + "/weight");
            float scale = (float) (1 / Math.sqrt(dims.headSize()));
            float[] transposed = new float[weight.length];
            for (int o = 0; o < out; o++) {
                float factor = o < scaledRows ? scale : 1f;
                for (int i = 0; i < in; i++) {
                    transposed[i * out + o] = weight[o * in + i] * factor;
                }
            }
            g.initializer(data.floats(name + ".weight", transposed, in, out));
            String y = g.op("MatMul", x, name + ".weight");
            if (!model.has(prefix + "/bias")) {
                return y;
            }
            float[] bias = read(prefix + "/bias");
            for (int o = 0; o < scaledRows; o++) {
                bias[o] *= scale;
            }
            g.initializer(data.floats(name + ".bias", bias, out));
            return g.op("Add", y, name + ".bias");
        }

        private float[] read(String name) {
            cancel.throwIfCancelled();
            float[] values = model.floats(name);
            progress.accept(model.variable(name).byteCount());
            return values;
        }
    }
}
