package org.jfoundry.adapters.ort.testmodels;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;

import static org.jfoundry.adapters.ort.testmodels.GraphBuilder.MS_DOMAIN;
import static org.jfoundry.adapters.ort.testmodels.GraphBuilder.attr;
import static org.jfoundry.adapters.ort.testmodels.GraphBuilder.attrs;

/**
 * Builds a Llama-style decoder (embedding, RMSNorm, rotary attention, SiLU-gated MLP, LM head) with the input and
 * output names of the GenAI model builder. Both attention variants compute the same function for the same seed.
 *
 * <p>Weight scales are chosen so greedy output varies with context: attention and MLP outputs outweigh the token
 * embedding in the residual stream, and the LM head spreads logits by several units.
 *
 * <p>A float16 decoder keeps weights, activations and the KV cache in float16, normalises with ONNX Runtime's
 * {@code SimplifiedLayerNormalization} (which accumulates in float32, where squares of float16 activations could
 * overflow) and casts the logits to float32 at the end.
 */
final class DecoderGraph {

    private static final TensorProto.DataType FLOAT = TensorProto.DataType.FLOAT;
    private static final TensorProto.DataType INT64 = TensorProto.DataType.INT64;
    private static final int INT4_BLOCK = 32;

    private final DecoderSpec spec;
    private final ExternalWeights weights;
    private final GraphBuilder g = new GraphBuilder();
    /** The element type of weights, activations and the KV cache. */
    private final TensorProto.DataType activations;

    private DecoderGraph(DecoderSpec spec, ExternalWeights weights) {
        this.spec = spec;
        this.weights = weights;
        this.activations = spec.float16() ? TensorProto.DataType.FLOAT16 : FLOAT;
    }

    static ModelProto build(DecoderSpec spec, ExternalWeights weights) {
        return new DecoderGraph(spec, weights).build();
    }

    private ModelProto build() {
        declareInputsAndOutputs();
        String hidden = embed();
        String cos = rotaryTable("cos_cache", true);
        String sin = rotaryTable("sin_cache", false);
        AttentionContext context = spec.sharesKvBuffer() ? groupQueryContext(cos, sin) : standardContext(cos, sin);
        for (int layer = 0; layer < spec.layers(); layer++) {
            String prefix = "model.layers." + layer;
            String normed = rmsNorm(hidden, prefix + ".input_layernorm.weight");
            String attention = spec.sharesKvBuffer()
                    ? groupQueryAttention(normed, layer, context)
                    : standardAttention(normed, layer, context);
            hidden = g.op("Add", hidden, attention);
            String mlpIn = rmsNorm(hidden, prefix + ".post_attention_layernorm.weight");
            hidden = g.op("Add", hidden, mlp(mlpIn, prefix + ".mlp"));
        }
        String finalNorm = rmsNorm(hidden, "model.norm.weight");
        String logits = linear(finalNorm, "lm_head.weight", spec.hiddenSize(), spec.vocabSize(),
                4.0 / Math.sqrt(spec.hiddenSize()));
        // Random weights would end a generation on a special token now and then; tests choose when it ends.
        int firstSpecial = spec.firstSpecialTokenId();
        ExternalWeights.FloatAt bias = index -> index >= firstSpecial ? -30f : 0f;
        g.initializer(spec.float16() ? weights.halfs("lm_head.bias", bias, spec.vocabSize())
                : weights.floats("lm_head.bias", bias, spec.vocabSize()));
        if (spec.float16()) {
            g.node("", "Cast", attrs(attr("to", (long) FLOAT.getNumber())),
                    new String[]{g.op("Add", logits, "lm_head.bias")}, "logits");
        } else {
            g.node("", "Add", attrs(), new String[]{logits, "lm_head.bias"}, "logits");
        }
        return g.model();
    }

    private void declareInputsAndOutputs() {
        g.input("input_ids", INT64, "batch_size", "sequence_length");
        g.input("attention_mask", INT64, "batch_size", "total_sequence_length");
        if (spec.positionIds()) {
            g.input("position_ids", INT64, "batch_size", "sequence_length");
        }
        String pastLength = spec.sharesKvBuffer() ? "max_sequence_length" : "past_sequence_length";
        String presentLength = spec.sharesKvBuffer() ? "max_sequence_length" : "total_sequence_length";
        for (int layer = 0; layer < spec.layers(); layer++) {
            for (String kind : new String[]{"key", "value"}) {
                g.input("past_key_values." + layer + "." + kind, activations, "batch_size", spec.kvHeads(), pastLength,
                        spec.headSize());
            }
        }
        g.output("logits", FLOAT, "batch_size", "sequence_length", spec.vocabSize());
        for (int layer = 0; layer < spec.layers(); layer++) {
            for (String kind : new String[]{"key", "value"}) {
                g.output("present." + layer + "." + kind, activations, "batch_size", spec.kvHeads(), presentLength,
                        spec.headSize());
            }
        }
    }

    private String embed() {
        if (spec.int4Weights()) {
            // Half the bytes of float32 for a 150k-token table; gathered rows are widened to float.
            g.initializer(weights.uniformHalfs("model.embed_tokens.weight", 0, 1.0, spec.vocabSize(),
                    spec.hiddenSize()));
            String rows = g.op("Gather", "model.embed_tokens.weight", "input_ids");
            return g.op("Cast", attrs(attr("to", (long) TensorProto.DataType.FLOAT.getNumber())), rows);
        }
        g.initializer(uniform("model.embed_tokens.weight", 0, 1.0, spec.vocabSize(), spec.hiddenSize()));
        return g.op("Gather", "model.embed_tokens.weight", "input_ids");
    }

    /** cos/sin of position * theta^(-2i/d), [context_length, head_size / 2], as the attention op expects. */
    private String rotaryTable(String name, boolean cosine) {
        int half = spec.headSize() / 2;
        double theta = spec.ropeTheta();
        int headSize = spec.headSize();
        ExternalWeights.FloatAt table = index -> {
            long position = index / half;
            long i = index % half;
            double angle = position * Math.pow(theta, -2.0 * i / headSize);
            return (float) (cosine ? Math.cos(angle) : Math.sin(angle));
        };
        g.initializer(spec.float16() ? weights.halfs(name, table, spec.contextLength(), half)
                : weights.floats(name, table, spec.contextLength(), half));
        return name;
    }

    /** Random weights in the decoder's element type. */
    private TensorProto uniform(String name, double mean, double std, long... dims) {
        return spec.float16() ? weights.uniformHalfs(name, mean, std, dims)
                : weights.uniformFloats(name, mean, std, dims);
    }

    private String rmsNorm(String x, String weightName) {
        g.initializer(uniform(weightName, 1.0, 0.1, spec.hiddenSize()));
        if (spec.float16()) {
            return g.op("SimplifiedLayerNormalization", attrs(attr("axis", -1L), attr("epsilon", 1e-6f),
                    attr("stash_type", 1L)), x, weightName);
        }
        String meanSquare = g.op("ReduceMean", attrs(attr("axes", new long[]{-1}), attr("keepdims", 1L)),
                g.op("Mul", x, x));
        String rms = g.op("Sqrt", g.op("Add", meanSquare, epsilon()));
        return g.op("Mul", g.op("Div", x, rms), weightName);
    }

    private String epsilon() {
        String name = "rms_norm_epsilon";
        if (!epsilonDeclared) {
            g.floatScalar(name, 1e-6f);
            epsilonDeclared = true;
        }
        return name;
    }

    private boolean epsilonDeclared;

    /** x [.., in] times a random [in, out] matrix: float32 MatMul, or MatMulNBits over int4 blocks. */
    private String linear(String x, String name, int in, int out, double std) {
        if (!spec.int4Weights()) {
            g.initializer(uniform(name, 0, std, in, out));
            return g.op("MatMul", x, name);
        }
        int blocks = in / INT4_BLOCK;
        g.initializer(weights.randomBytes(name + ".quant", out, blocks, INT4_BLOCK / 2));
        // Nibbles uniform over [-8, 7] have a standard deviation of about 4.6; the scale brings it to std.
        double nibbleStd = Math.sqrt((16.0 * 16.0 - 1) / 12.0);
        float scale = (float) (std / nibbleStd);
        g.initializer(weights.floats(name + ".scales", index -> scale, (long) out * blocks));
        return g.msOp("MatMulNBits", attrs(attr("K", (long) in), attr("N", (long) out), attr("bits", 4L),
                attr("block_size", (long) INT4_BLOCK), attr("accuracy_level", 4L)), x, name + ".quant", name + ".scales");
    }

    private String mlp(String x, String prefix) {
        int hidden = spec.hiddenSize();
        int inner = spec.intermediateSize();
        String gate = linear(x, prefix + ".gate_proj.weight", hidden, inner, 1.0 / Math.sqrt(hidden));
        String up = linear(x, prefix + ".up_proj.weight", hidden, inner, 1.0 / Math.sqrt(hidden));
        String activated = g.op("Mul", g.op("Mul", gate, g.op("Sigmoid", gate)), up);
        return linear(activated, prefix + ".down_proj.weight", inner, hidden, 2.0 / Math.sqrt(inner));
    }

    private record AttentionContext(String first, String second, String third, String fourth) {
    }

    // --- GroupQueryAttention: what the model builder emits for CPU int4 models -------------------------------

    /** seqlens_k = int32(ReduceSum(attention_mask, 1) - 1), total_sequence_length = int32(shape(mask)[1]). */
    private AttentionContext groupQueryContext(String cos, String sin) {
        String sum = g.op("ReduceSum", attrs(attr("keepdims", 0L)), "attention_mask", g.int64s("axis_1", 1));
        String seqlens = g.op("Cast", attrs(attr("to", (long) TensorProto.DataType.INT32.getNumber())),
                g.op("Sub", sum, g.int64Scalar("one", 1)));
        String total = g.op("Gather", g.op("Shape", "attention_mask"), g.int64Scalar("index_1", 1));
        String totalInt = g.op("Cast", attrs(attr("to", (long) TensorProto.DataType.INT32.getNumber())), total);
        return new AttentionContext(seqlens, totalInt, cos, sin);
    }

    private String groupQueryAttention(String x, int layer, AttentionContext context) {
        String prefix = "model.layers." + layer + ".self_attn";
        int hidden = spec.hiddenSize();
        String q = linear(x, prefix + ".q_proj.weight", hidden, spec.heads() * spec.headSize(), 2.0 / Math.sqrt(hidden));
        String k = linear(x, prefix + ".k_proj.weight", hidden, spec.kvHeads() * spec.headSize(), 2.0 / Math.sqrt(hidden));
        String v = linear(x, prefix + ".v_proj.weight", hidden, spec.kvHeads() * spec.headSize(), 1.0 / Math.sqrt(hidden));
        String output = prefix + ".gqa_output";
        g.node(MS_DOMAIN, "GroupQueryAttention",
                attrs(attr("num_heads", (long) spec.heads()), attr("kv_num_heads", (long) spec.kvHeads()),
                        attr("do_rotary", 1L), attr("rotary_interleaved", 0L), attr("local_window_size", -1L)),
                new String[]{q, k, v, "past_key_values." + layer + ".key", "past_key_values." + layer + ".value",
                        context.first(), context.second(), context.third(), context.fourth()},
                output, "present." + layer + ".key", "present." + layer + ".value");
        return linear(output, prefix + ".o_proj.weight", spec.heads() * spec.headSize(), hidden,
                2.0 / Math.sqrt(spec.heads() * spec.headSize()));
    }

    // --- Standard ops: rotary from position_ids, a concatenated cache and an explicit causal mask -------------

    /** Gathers cos/sin rows for position_ids and builds the [batch, 1, 1, seq, total] mask once for all layers. */
    private AttentionContext standardContext(String cos, String sin) {
        String cosRows = g.op("Unsqueeze", g.op("Gather", cos, "position_ids"), g.int64s("axis_2", 2));
        String sinRows = g.op("Unsqueeze", g.op("Gather", sin, "position_ids"), "axis_2");
        int half = spec.headSize() / 2;
        g.int64s("rope_start", 0);
        g.int64s("rope_middle", half);
        g.int64s("rope_end", spec.headSize());
        g.int64s("rope_axis", 3);
        String total = g.op("Gather", g.op("Shape", "attention_mask"), g.int64Scalar("index_1", 1));
        String sequence = g.op("Gather", g.op("Shape", "input_ids"), "index_1");
        String past = g.op("Sub", total, sequence);
        String rows = g.op("Unsqueeze", g.op("Range", past, total, g.int64Scalar("one", 1)), g.int64s("axis_1", 1));
        String columns = g.op("Range", g.int64Scalar("zero", 0), total, "one");
        String causal = g.op("LessOrEqual", columns, rows);
        String padding = g.op("Unsqueeze",
                g.op("Cast", attrs(attr("to", (long) TensorProto.DataType.BOOL.getNumber())), "attention_mask"),
                g.int64s("axes_1_2_3", 1, 2, 3));
        String allowed = g.op("And", causal, padding);
        return new AttentionContext(cosRows, sinRows, allowed, null);
    }

    private String standardAttention(String x, int layer, AttentionContext context) {
        String prefix = "model.layers." + layer + ".self_attn";
        int hidden = spec.hiddenSize();
        int heads = spec.heads();
        int kvHeads = spec.kvHeads();
        int headSize = spec.headSize();
        int group = heads / kvHeads;
        String q = linear(x, prefix + ".q_proj.weight", hidden, heads * headSize, 2.0 / Math.sqrt(hidden));
        String k = linear(x, prefix + ".k_proj.weight", hidden, kvHeads * headSize, 2.0 / Math.sqrt(hidden));
        String v = linear(x, prefix + ".v_proj.weight", hidden, kvHeads * headSize, 1.0 / Math.sqrt(hidden));

        String qRot = rotate(g.op("Reshape", q, g.int64s("shape_q_" + layer, 0, 0, heads, headSize)), context);
        String kRot = rotate(g.op("Reshape", k, g.int64s("shape_kv_" + layer, 0, 0, kvHeads, headSize)), context);
        String vHeads = g.op("Reshape", v, "shape_kv_" + layer);

        String kNew = g.op("Transpose", attrs(attr("perm", 0, 2, 1, 3)), kRot);
        String vNew = g.op("Transpose", attrs(attr("perm", 0, 2, 1, 3)), vHeads);
        String presentKey = "present." + layer + ".key";
        String presentValue = "present." + layer + ".value";
        g.node("", "Concat", attrs(attr("axis", 2L)), new String[]{"past_key_values." + layer + ".key", kNew}, presentKey);
        g.node("", "Concat", attrs(attr("axis", 2L)), new String[]{"past_key_values." + layer + ".value", vNew},
                presentValue);

        // Query heads are grouped per KV head: [b, s, kv, group, d] -> [b, kv, group, s, d].
        String qGrouped = g.op("Transpose", attrs(attr("perm", 0, 2, 3, 1, 4)),
                g.op("Reshape", qRot, g.int64s("shape_qg_" + layer, 0, 0, kvHeads, group, headSize)));
        String keys = g.op("Transpose", attrs(attr("perm", 0, 1, 2, 4, 3)), g.op("Unsqueeze", presentKey, "axis_2"));
        String scores = g.op("Mul", g.op("MatMul", qGrouped, keys),
                g.floatScalar(prefix + ".scale", (float) (1.0 / Math.sqrt(headSize))));
        String masked = g.op("Where", context.third(), scores, maskValue());
        String probabilities = g.op("Softmax", attrs(attr("axis", -1L)), masked);
        String values = g.op("MatMul", probabilities, g.op("Unsqueeze", presentValue, "axis_2"));
        String merged = g.op("Reshape", g.op("Transpose", attrs(attr("perm", 0, 3, 1, 2, 4)), values),
                g.int64s("shape_merge_" + layer, 0, 0, (long) heads * headSize));
        return linear(merged, prefix + ".o_proj.weight", heads * headSize, hidden, 2.0 / Math.sqrt(heads * headSize));
    }

    private String maskValue() {
        if (!maskDeclared) {
            g.floatScalar("mask_value", -1e9f);
            maskDeclared = true;
        }
        return "mask_value";
    }

    private boolean maskDeclared;

    /** Non-interleaved rotary ("rotate half") over [b, s, heads, d] with cos/sin rows [b, s, 1, d/2]. */
    private String rotate(String x, AttentionContext context) {
        String first = g.op("Slice", x, "rope_start", "rope_middle", "rope_axis");
        String second = g.op("Slice", x, "rope_middle", "rope_end", "rope_axis");
        String cos = context.first();
        String sin = context.second();
        String a = g.op("Sub", g.op("Mul", first, cos), g.op("Mul", second, sin));
        String b = g.op("Add", g.op("Mul", second, cos), g.op("Mul", first, sin));
        return g.op("Concat", attrs(attr("axis", 3L)), a, b);
    }
}
