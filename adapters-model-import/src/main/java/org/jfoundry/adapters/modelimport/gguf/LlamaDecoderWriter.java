package org.jfoundry.adapters.modelimport.gguf;

import ai.onnx.proto.OnnxMl.TensorProto;
import org.jfoundry.adapters.modelimport.onnx.ExternalData;
import org.jfoundry.adapters.modelimport.onnx.OnnxGraph;
import org.jfoundry.ports.inference.CancellationSignal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.LongConsumer;

import static org.jfoundry.adapters.modelimport.onnx.OnnxGraph.attr;
import static org.jfoundry.adapters.modelimport.onnx.OnnxGraph.attrs;

/**
 * Writes a llama-family GGUF as the decoder ONNX Runtime GenAI's model builder emits for CPU: token embedding,
 * RMSNorm, GroupQueryAttention with rotary inside the op and one KV buffer shared by past and present, SiLU-gated
 * MLP, LM head. Linear layers are float32 MatMuls or int4 MatMulNBits. Tensors are read, converted and written one
 * at a time.
 *
 * <p>Rotary layout: the GGUF's Q/K rows already are what its rope needs, so the op is told which convention to
 * apply ({@code rotary_interleaved}) instead of the rows being permuted back.
 */
final class LlamaDecoderWriter {

    static final String MODEL_FILE = "model.onnx";
    static final String DATA_FILE = "model.onnx.data";
    private static final TensorProto.DataType FLOAT = TensorProto.DataType.FLOAT;
    private static final TensorProto.DataType INT64 = TensorProto.DataType.INT64;

    private final GgufFile gguf;
    private final LlamaSpec spec;
    private final boolean int4;
    private final ExternalData data;
    private final CancellationSignal cancel;
    private final LongConsumer progress;
    private final OnnxGraph g = new OnnxGraph("decoder");

    private LlamaDecoderWriter(GgufFile gguf, LlamaSpec spec, boolean int4, ExternalData data,
                               CancellationSignal cancel, LongConsumer progress) {
        this.gguf = gguf;
        this.spec = spec;
        this.int4 = int4;
        this.data = data;
        this.cancel = cancel;
        this.progress = progress;
    }

    /** Writes {@code model.onnx} and {@code model.onnx.data} into {@code folder}; progress counts source bytes. */
    static void write(GgufFile gguf, LlamaSpec spec, boolean int4, Path folder, CancellationSignal cancel,
                      LongConsumer progress) throws IOException {
        try (ExternalData data = new ExternalData(folder.resolve(DATA_FILE))) {
            LlamaDecoderWriter writer = new LlamaDecoderWriter(gguf, spec, int4, data, cancel, progress);
            writer.build();
            writer.g.writeTo(folder.resolve(MODEL_FILE), "jfoundry-gguf-import");
        }
    }

    private void build() throws IOException {
        declareInputsAndOutputs();
        String hidden = embed();
        Attention context = attentionContext();
        for (int layer = 0; layer < spec.layers(); layer++) {
            String block = "blk." + layer;
            String normed = rmsNorm(hidden, block + ".attn_norm.weight");
            hidden = g.op("Add", hidden, attention(normed, layer, context));
            String mlpIn = rmsNorm(hidden, block + ".ffn_norm.weight");
            hidden = g.op("Add", hidden, mlp(mlpIn, block));
        }
        String normed = rmsNorm(hidden, "output_norm.weight");
        String head = spec.tiedEmbeddings() ? "token_embd.weight" : "output.weight";
        g.node("", "Identity", attrs(), new String[]{linear(normed, head, "lm_head")}, "logits");
    }

    private void declareInputsAndOutputs() {
        g.input("input_ids", INT64, "batch_size", "sequence_length");
        g.input("attention_mask", INT64, "batch_size", "total_sequence_length");
        for (int layer = 0; layer < spec.layers(); layer++) {
            for (String kind : new String[]{"key", "value"}) {
                g.input("past_key_values." + layer + "." + kind, FLOAT, "batch_size", spec.kvHeads(),
                        "max_sequence_length", spec.headSize());
            }
        }
        g.output("logits", FLOAT, "batch_size", "sequence_length", spec.vocabSize());
        for (int layer = 0; layer < spec.layers(); layer++) {
            for (String kind : new String[]{"key", "value"}) {
                g.output("present." + layer + "." + kind, FLOAT, "batch_size", spec.kvHeads(), "max_sequence_length",
                        spec.headSize());
            }
        }
    }

    private String embed() throws IOException {
        GgufTensor tensor = gguf.requireTensor("token_embd.weight");
        float[] table = read(tensor);
        long[] dims = {spec.vocabSize(), spec.hiddenSize()};
        if (int4) {
            // Half the bytes of float32; gathered rows are widened to float, as the model builder does.
            short[] halfs = new short[table.length];
            for (int i = 0; i < table.length; i++) {
                halfs[i] = Float.floatToFloat16(table[i]);
            }
            g.initializer(data.halfs("model.embed_tokens.weight", halfs, dims));
            String rows = g.op("Gather", "model.embed_tokens.weight", "input_ids");
            return g.op("Cast", attrs(attr("to", (long) FLOAT.getNumber())), rows);
        }
        g.initializer(data.floats("model.embed_tokens.weight", table, dims));
        return g.op("Gather", "model.embed_tokens.weight", "input_ids");
    }

    private String rmsNorm(String x, String tensorName) throws IOException {
        GgufTensor tensor = gguf.requireTensor(tensorName);
        g.initializer(data.floats(tensorName, read(tensor), spec.hiddenSize()));
        return g.op("SimplifiedLayerNormalization", attrs(attr("axis", -1L), attr("epsilon", spec.rmsEpsilon()),
                attr("stash_type", 1L)), x, tensorName);
    }

    /** x [.., in] times the GGUF weight [out rows of in]: float32 MatMul, or MatMulNBits over int4 blocks. */
    private String linear(String x, String tensorName, String onnxName) throws IOException {
        GgufTensor tensor = gguf.requireTensor(tensorName);
        int in = tensor.rowLength();
        int out = tensor.rows();
        float[] rows = read(tensor);
        if (!int4) {
            float[] transposed = new float[rows.length];
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < in; i++) {
                    transposed[i * out + o] = rows[o * in + i];
                }
            }
            g.initializer(data.floats(onnxName + ".weight", transposed, in, out));
            return g.op("MatMul", x, onnxName + ".weight");
        }
        Int4Blocks blocks = Int4Blocks.quantize(rows, out, in);
        g.initializer(data.bytes(onnxName + ".weight.quant", TensorProto.DataType.UINT8, blocks.packed(), out,
                blocks.blocksPerRow(), Int4Blocks.BLOCK / 2));
        g.initializer(data.floats(onnxName + ".weight.scales", blocks.scales(), blocks.scales().length));
        g.initializer(data.bytes(onnxName + ".weight.zp", TensorProto.DataType.UINT8, blocks.zeroPoints(),
                blocks.zeroPoints().length));
        return g.msOp("MatMulNBits", attrs(attr("K", (long) in), attr("N", (long) out), attr("bits", 4L),
                attr("block_size", (long) Int4Blocks.BLOCK), attr("accuracy_level", 4L)),
                x, onnxName + ".weight.quant", onnxName + ".weight.scales", onnxName + ".weight.zp");
    }

    private String linearWithBias(String x, String block, String kind) throws IOException {
        String y = linear(x, block + "." + kind + ".weight", block + "." + kind);
        if (!spec.attentionBias()) {
            return y;
        }
        String biasName = block + "." + kind + ".bias";
        GgufTensor bias = gguf.requireTensor(biasName);
        g.initializer(data.floats(biasName, read(bias), bias.elements()));
        return g.op("Add", y, biasName);
    }

    private record Attention(String seqlensK, String totalLength, String cos, String sin) {
    }

    /** seqlens_k = int32(ReduceSum(mask) - 1), total = int32(shape(mask)[1]), and the cos/sin tables. */
    private Attention attentionContext() {
        long int32 = TensorProto.DataType.INT32.getNumber();
        String sum = g.op("ReduceSum", attrs(attr("keepdims", 0L)), "attention_mask", g.int64s("axis_1", 1));
        String seqlens = g.op("Cast", attrs(attr("to", int32)), g.op("Sub", sum, g.int64Scalar("one", 1)));
        String total = g.op("Gather", g.op("Shape", "attention_mask"), g.int64Scalar("index_1", 1));
        String totalInt = g.op("Cast", attrs(attr("to", int32)), total);
        return new Attention(seqlens, totalInt, rotaryTable("cos_cache", true), rotaryTable("sin_cache", false));
    }

    /** cos/sin of position * theta^(-2i/d), [context_length, head_size / 2], as GroupQueryAttention expects. */
    private String rotaryTable(String name, boolean cosine) {
        int half = spec.headSize() / 2;
        int positions = spec.contextLength();
        float[] table = new float[positions * half];
        for (int i = 0; i < half; i++) {
            double frequency = Math.pow(spec.ropeTheta(), -2.0 * i / spec.headSize());
            for (int p = 0; p < positions; p++) {
                double angle = p * frequency;
                table[p * half + i] = (float) (cosine ? Math.cos(angle) : Math.sin(angle));
            }
        }
        g.initializer(data.floats(name, table, positions, half));
        return name;
    }

    private String attention(String x, int layer, Attention context) throws IOException {
        String block = "blk." + layer;
        String q = linearWithBias(x, block, "attn_q");
        String k = linearWithBias(x, block, "attn_k");
        String v = linearWithBias(x, block, "attn_v");
        String output = block + ".gqa_output";
        g.node(OnnxGraph.MS_DOMAIN, "GroupQueryAttention",
                attrs(attr("num_heads", (long) spec.heads()), attr("kv_num_heads", (long) spec.kvHeads()),
                        attr("do_rotary", 1L), attr("rotary_interleaved", spec.interleavedRope() ? 1L : 0L),
                        attr("local_window_size", -1L)),
                new String[]{q, k, v, "past_key_values." + layer + ".key", "past_key_values." + layer + ".value",
                        context.seqlensK(), context.totalLength(), context.cos(), context.sin()},
                output, "present." + layer + ".key", "present." + layer + ".value");
        return linear(output, block + ".attn_output.weight", block + ".attn_output");
    }

    private String mlp(String x, String block) throws IOException {
        String gate = linear(x, block + ".ffn_gate.weight", block + ".ffn_gate");
        String up = linear(x, block + ".ffn_up.weight", block + ".ffn_up");
        String activated = g.op("Mul", g.op("Mul", gate, g.op("Sigmoid", gate)), up);
        return linear(activated, block + ".ffn_down.weight", block + ".ffn_down");
    }

    private float[] read(GgufTensor tensor) throws IOException {
        cancel.throwIfCancelled();
        if (!tensor.type().supported) {
            throw Dequantizer.unsupported(tensor.type(), tensor.name());
        }
        float[] values = Dequantizer.toFloats(tensor, gguf.data(tensor));
        progress.accept(tensor.byteSize());
        return values;
    }
}
