package org.jfoundry.adapters.modelimport.gguf;

import org.jfoundry.ports.failure.InvalidRequestException;

import java.util.List;
import java.util.Optional;

/**
 * The shape of a llama-family decoder, read from GGUF metadata ({@code <arch>.block_count} and friends).
 *
 * @param interleavedRope true when the GGUF's Q/K rows are laid out for ggml's "normal" rotary (adjacent pairs,
 *                        what llama.cpp's converter produces for llama by permuting the rows); false for NEOX
 *                        (halves), which qwen2 uses
 */
record LlamaSpec(String architecture, int layers, int hiddenSize, int heads, int kvHeads, int headSize,
                 int intermediateSize, int vocabSize, int contextLength, double ropeTheta, float rmsEpsilon,
                 boolean interleavedRope, boolean attentionBias, boolean tiedEmbeddings) {

    static final List<String> ARCHITECTURES = List.of("llama", "mistral", "qwen2");

    static LlamaSpec read(GgufFile gguf) {
        String arch = gguf.string("general.architecture");
        if (!ARCHITECTURES.contains(arch)) {
            throw new InvalidRequestException("unsupported GGUF architecture '" + arch + "'; supported: "
                    + String.join(", ", ARCHITECTURES));
        }
        int hidden = (int) gguf.integer(arch + ".embedding_length");
        int heads = (int) gguf.integer(arch + ".attention.head_count");
        int kvHeads = gguf.intOr(arch + ".attention.head_count_kv", heads);
        int headSize = gguf.intOr(arch + ".attention.key_length", hidden / heads);
        int ropeDims = gguf.intOr(arch + ".rope.dimension_count", headSize);
        if (ropeDims != headSize) {
            throw new InvalidRequestException("unsupported partial rotary embedding (" + ropeDims + " of " + headSize
                    + " dimensions) in this " + arch + " GGUF");
        }
        Optional<Object> scaling = gguf.get(arch + ".rope.scaling.type");
        if (scaling.isPresent() && !scaling.get().equals("none")) {
            throw new InvalidRequestException("unsupported rope scaling '" + scaling.get() + "' in this " + arch + " GGUF");
        }
        if (gguf.tensor("rope_freqs.weight").isPresent()) {
            throw new InvalidRequestException("unsupported rope frequency factors (tensor rope_freqs.weight, "
                    + "llama 3.1 style scaling) in this GGUF");
        }
        if (heads % kvHeads != 0 || headSize % 2 != 0) {
            throw new InvalidRequestException("unsupported attention shape: " + heads + " heads, " + kvHeads
                    + " KV heads, head size " + headSize);
        }
        GgufTensor embedding = gguf.requireTensor("token_embd.weight");
        int vocab = embedding.dims().length > 1 ? (int) embedding.dims()[1] : 0;
        if (embedding.rowLength() != hidden) {
            throw new InvalidRequestException("token_embd.weight " + embedding + " does not match embedding_length "
                    + hidden);
        }
        return new LlamaSpec(arch,
                (int) gguf.integer(arch + ".block_count"),
                hidden, heads, kvHeads, headSize,
                (int) gguf.integer(arch + ".feed_forward_length"),
                vocab,
                gguf.intOr(arch + ".context_length", 2048),
                gguf.optionalNumber(arch + ".rope.freq_base").orElse(10_000.0),
                gguf.optionalNumber(arch + ".attention.layer_norm_rms_epsilon").orElse(1e-5).floatValue(),
                !arch.equals("qwen2"),
                gguf.tensor("blk.0.attn_q.bias").isPresent(),
                gguf.tensor("output.weight").isEmpty());
    }
}
