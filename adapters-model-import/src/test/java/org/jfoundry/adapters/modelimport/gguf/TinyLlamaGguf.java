package org.jfoundry.adapters.modelimport.gguf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A tiny random llama-family GGUF (256 wide, 2 layers, 4 query and 2 KV heads) and the float weights it stands for,
 * so a reference forward pass can run on exactly what the file means. The vocabulary is GPT-2's 256 byte tokens,
 * a few merges and ChatML's special tokens.
 */
final class TinyLlamaGguf {

    static final int HIDDEN = 256;
    static final int HEADS = 4;
    static final int KV_HEADS = 2;
    static final int HEAD_SIZE = HIDDEN / HEADS;
    static final int FFN = 512;
    static final int LAYERS = 2;
    static final int CONTEXT = 512;
    static final double ROPE_THETA = 10_000;
    static final float EPSILON = 1e-5f;
    static final List<String> SPECIALS = List.of("<|endoftext|>", "<|im_start|>", "<|im_end|>");
    static final String CHAT_TEMPLATE = "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + "
            + "message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}"
            + "{{ '<|im_start|>assistant\\n' }}{% endif %}";

    final String architecture;
    final Map<String, float[]> weights = new HashMap<>();
    final List<String> tokens = new ArrayList<>();
    final List<Integer> tokenTypes = new ArrayList<>();
    final List<String> merges = List.of("Ġ t", "h e", "Ġt he", "i n");

    /**
     * @param linearType type of the attention and MLP matrices; the embedding is Q8_0 and norms F32, as in
     *                   llama.cpp's own files
     */
    static Path write(Path file, String architecture, GgmlType linearType, long seed) throws IOException {
        return new TinyLlamaGguf(architecture).writeTo(file, linearType, seed);
    }

    TinyLlamaGguf(String architecture) {
        this.architecture = architecture;
        for (String special : SPECIALS) {
            tokens.add(special);
            tokenTypes.add(3);
        }
        for (int b = 0; b < 256; b++) {
            tokens.add(String.valueOf(byteToChar(b)));
            tokenTypes.add(1);
        }
        for (String merge : merges) {
            tokens.add(merge.replace(" ", ""));
            tokenTypes.add(1);
        }
        while (tokens.size() % 8 != 0) {
            tokens.add("[PAD" + tokens.size() + "]");
            tokenTypes.add(4);
        }
    }

    int vocabSize() {
        return tokens.size();
    }

    Path writeTo(Path file, GgmlType linearType, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        GgufWriter writer = new GgufWriter()
                .put("general.architecture", architecture)
                .put("general.name", "tiny " + architecture)
                .put(architecture + ".block_count", LAYERS)
                .put(architecture + ".context_length", CONTEXT)
                .put(architecture + ".embedding_length", HIDDEN)
                .put(architecture + ".feed_forward_length", FFN)
                .put(architecture + ".attention.head_count", HEADS)
                .put(architecture + ".attention.head_count_kv", KV_HEADS)
                .put(architecture + ".rope.freq_base", (float) ROPE_THETA)
                .put(architecture + ".attention.layer_norm_rms_epsilon", EPSILON)
                .put("tokenizer.ggml.model", "gpt2")
                .put("tokenizer.ggml.pre", architecture.equals("qwen2") ? "qwen2" : "smollm")
                .put("tokenizer.ggml.tokens", tokens)
                .put("tokenizer.ggml.token_type", tokenTypes)
                .put("tokenizer.ggml.merges", merges)
                .put("tokenizer.ggml.bos_token_id", new GgufWriter.Typed(4, 1L))
                .put("tokenizer.ggml.eos_token_id", new GgufWriter.Typed(4, 2L))
                .put("tokenizer.chat_template", CHAT_TEMPLATE);
        tensor(writer, "token_embd.weight", GgmlType.Q8_0, HIDDEN, vocabSize(), 1.0, random);
        for (int layer = 0; layer < LAYERS; layer++) {
            String block = "blk." + layer + ".";
            norm(writer, block + "attn_norm.weight", random);
            tensor(writer, block + "attn_q.weight", linearType, HIDDEN, HEADS * HEAD_SIZE, 2 / Math.sqrt(HIDDEN), random);
            tensor(writer, block + "attn_k.weight", linearType, HIDDEN, KV_HEADS * HEAD_SIZE, 2 / Math.sqrt(HIDDEN), random);
            tensor(writer, block + "attn_v.weight", linearType, HIDDEN, KV_HEADS * HEAD_SIZE, 1 / Math.sqrt(HIDDEN), random);
            if (architecture.equals("qwen2")) {
                tensor(writer, block + "attn_q.bias", GgmlType.F32, HEADS * HEAD_SIZE, 1, 0.5, random);
                tensor(writer, block + "attn_k.bias", GgmlType.F32, KV_HEADS * HEAD_SIZE, 1, 0.5, random);
                tensor(writer, block + "attn_v.bias", GgmlType.F32, KV_HEADS * HEAD_SIZE, 1, 0.5, random);
            }
            tensor(writer, block + "attn_output.weight", linearType, HIDDEN, HIDDEN, 2 / Math.sqrt(HIDDEN), random);
            norm(writer, block + "ffn_norm.weight", random);
            tensor(writer, block + "ffn_gate.weight", linearType, HIDDEN, FFN, 2 / Math.sqrt(HIDDEN), random);
            tensor(writer, block + "ffn_up.weight", linearType, HIDDEN, FFN, 2 / Math.sqrt(HIDDEN), random);
            tensor(writer, block + "ffn_down.weight", linearType, FFN, HIDDEN, 2 / Math.sqrt(FFN), random);
        }
        norm(writer, "output_norm.weight", random);
        if (architecture.equals("qwen2")) {
            // Untied: qwen2 files of this size carry their own output matrix.
            tensor(writer, "output.weight", GgmlType.Q6_K, HIDDEN, vocabSize(), 4 / Math.sqrt(HIDDEN), random);
        }
        return writer.write(file);
    }

    private void norm(GgufWriter writer, String name, SplittableRandom random) {
        QuantizedTensor t = QuantizedTensor.random(GgmlType.F32, HIDDEN, 0.2, random);
        float[] values = t.values().clone();
        byte[] bytes = t.bytes().clone();
        for (int i = 0; i < values.length; i++) {
            values[i] += 1f;
            int bits = Float.floatToRawIntBits(values[i]);
            for (int b = 0; b < 4; b++) {
                bytes[4 * i + b] = (byte) (bits >> (8 * b));
            }
        }
        writer.tensor(name, GgmlType.F32, bytes, HIDDEN);
        weights.put(name, values);
    }

    private void tensor(GgufWriter writer, String name, GgmlType type, int rowLength, int rows, double scale,
                        SplittableRandom random) {
        QuantizedTensor t = QuantizedTensor.random(type, rowLength * rows, scale, random);
        if (rows == 1) {
            writer.tensor(name, type, t.bytes(), rowLength);
        } else {
            writer.tensor(name, type, t.bytes(), rowLength, rows);
        }
        weights.put(name, t.values());
    }

    /** GPT-2's reversible byte-to-character map. */
    static char byteToChar(int b) {
        if ((b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF)) {
            return (char) b;
        }
        int shifted = 0;
        for (int i = 0; i < b; i++) {
            if (!((i >= '!' && i <= '~') || (i >= 0xA1 && i <= 0xAC) || (i >= 0xAE && i <= 0xFF))) {
                shifted++;
            }
        }
        return (char) (256 + shifted);
    }
}
