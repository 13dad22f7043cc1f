package org.jfoundry.adapters.ort.testmodels;

import java.util.List;

/**
 * The shape of a generated Llama-style decoder. Weights are random but reproducible from {@link #seed()}.
 *
 * @param attention      how attention and the KV cache are expressed in the graph
 * @param positionIds    whether the graph takes a {@code position_ids} input (exactly the standard variant)
 * @param int4Weights    linear layers as {@code com.microsoft.MatMulNBits} int4 blocks (and a float16 embedding)
 *                       instead of float32 MatMul, the way the model builder's CPU int4 output stores them
 * @param contextLength  the model's context length, also the length of the rotary tables
 * @param searchMaxLength {@code search.max_length} written into genai_config.json (0 = the context length)
 * @param float16        float16 weights, activations and KV cache (logits cast to float32 in the graph), the way the
 *                       model builder's CUDA fp16 output stores them; GroupQueryAttention only, since ONNX Runtime's
 *                       CUDA kernel for it is float16/bfloat16 only
 */
public record DecoderSpec(
        String modelType,
        Attention attention,
        boolean positionIds,
        boolean int4Weights,
        int vocabSize,
        int hiddenSize,
        int layers,
        int heads,
        int kvHeads,
        int headSize,
        int intermediateSize,
        int contextLength,
        int searchMaxLength,
        double ropeTheta,
        long seed,
        boolean float16) {

    /** The three special tokens every generated tokenizer ends with, in this id order. */
    public static final List<String> SPECIAL_TOKENS = List.of("<|endoftext|>", "<|im_start|>", "<|im_end|>");

    public enum Attention {
        /** {@code com.microsoft.GroupQueryAttention}, rotary inside the op, one KV buffer shared by past and present. */
        GROUP_QUERY_SHARED_BUFFER,
        /** Plain ONNX ops; the present cache is the past concatenated with the new keys and values. */
        STANDARD_GROWING_CACHE
    }

    public DecoderSpec {
        if (vocabSize < 256 + SPECIAL_TOKENS.size() + 1) {
            throw new IllegalArgumentException("vocabSize must leave room for 256 byte tokens and the special tokens");
        }
        if (heads % kvHeads != 0 || headSize % 2 != 0) {
            throw new IllegalArgumentException("heads must be a multiple of kvHeads and headSize even");
        }
        if (positionIds != (attention == Attention.STANDARD_GROWING_CACHE)) {
            throw new IllegalArgumentException(
                    "the standard variant takes position_ids; the GroupQueryAttention one derives them in the graph");
        }
        if (int4Weights && (hiddenSize % 32 != 0 || intermediateSize % 32 != 0 || heads * headSize % 32 != 0)) {
            throw new IllegalArgumentException("int4 weights need every input width to be a multiple of the block size 32");
        }
        if (float16 && (int4Weights || attention != Attention.GROUP_QUERY_SHARED_BUFFER)) {
            throw new IllegalArgumentException(
                    "float16 decoders are GroupQueryAttention ones with float16 MatMul weights");
        }
    }

    /** A float32 (or int4) decoder. */
    public DecoderSpec(String modelType, Attention attention, boolean positionIds, boolean int4Weights, int vocabSize,
                       int hiddenSize, int layers, int heads, int kvHeads, int headSize, int intermediateSize,
                       int contextLength, int searchMaxLength, double ropeTheta, long seed) {
        this(modelType, attention, positionIds, int4Weights, vocabSize, hiddenSize, layers, heads, kvHeads, headSize,
                intermediateSize, contextLength, searchMaxLength, ropeTheta, seed, false);
    }

    /** A tiny GroupQueryAttention decoder with a shared KV buffer and no position_ids input. */
    public static DecoderSpec tinyGqa(long seed) {
        return new DecoderSpec("qwen2", Attention.GROUP_QUERY_SHARED_BUFFER, false, false,
                512, 64, 2, 4, 2, 16, 128, 256, 0, 10_000, seed);
    }

    /** A tiny decoder of standard ONNX ops with a growing cache and a position_ids input. */
    public static DecoderSpec tinyStandard(long seed) {
        return new DecoderSpec("llama", Attention.STANDARD_GROWING_CACHE, true, false,
                512, 64, 2, 4, 2, 16, 128, 256, 0, 10_000, seed);
    }

    /**
     * Qwen2.5-0.5B-Instruct's shape (24 layers, 896 wide, 14/2 heads, 151936 tokens) with int4 linear layers,
     * about 520 MB on disk: big enough that ONNX Runtime's work dominates a real generation loop.
     */
    public static DecoderSpec benchmarkQwenShaped() {
        return new DecoderSpec("qwen2", Attention.GROUP_QUERY_SHARED_BUFFER, false, true,
                151_936, 896, 24, 14, 2, 64, 4864, 32_768, 0, 1_000_000, 42);
    }

    /**
     * GPT-2-medium's size with a growing concatenated cache (24 layers, 1024 wide, 16 heads of 64, a 50257-token
     * vocabulary, float32; llama-style blocks whose MLP matches GPT-2's parameter count), about 1.6 GB on disk: the
     * decoder the GPU check measures.
     */
    public static DecoderSpec benchmarkGpt2MediumShaped() {
        return new DecoderSpec("llama", Attention.STANDARD_GROWING_CACHE, true, false,
                50_257, 1024, 24, 16, 16, 64, 2736, 1024, 0, 10_000, 42);
    }

    /**
     * {@link #benchmarkGpt2MediumShaped()}'s shape as a float16 GroupQueryAttention decoder with a shared KV buffer
     * (16 KV heads, so plain multi-head attention), about 0.8 GB on disk: what CUDA runs at its best.
     */
    public static DecoderSpec benchmarkGpt2MediumShapedFloat16() {
        return new DecoderSpec("llama", Attention.GROUP_QUERY_SHARED_BUFFER, false, false,
                50_257, 1024, 24, 16, 16, 64, 2736, 1024, 0, 10_000, 42, true);
    }

    /** {@link #tinyGqa}'s shape in float16. */
    public static DecoderSpec tinyGqaFloat16(long seed) {
        return new DecoderSpec("qwen2", Attention.GROUP_QUERY_SHARED_BUFFER, false, false,
                512, 64, 2, 4, 2, 16, 128, 256, 0, 10_000, seed, true);
    }

    public DecoderSpec withSeed(long newSeed) {
        return new DecoderSpec(modelType, attention, positionIds, int4Weights, vocabSize, hiddenSize, layers, heads,
                kvHeads, headSize, intermediateSize, contextLength, searchMaxLength, ropeTheta, newSeed, float16);
    }

    public DecoderSpec withContextLength(int newContextLength) {
        return new DecoderSpec(modelType, attention, positionIds, int4Weights, vocabSize, hiddenSize, layers, heads,
                kvHeads, headSize, intermediateSize, newContextLength, searchMaxLength, ropeTheta, seed, float16);
    }

    public DecoderSpec withSearchMaxLength(int newSearchMaxLength) {
        return new DecoderSpec(modelType, attention, positionIds, int4Weights, vocabSize, hiddenSize, layers, heads,
                kvHeads, headSize, intermediateSize, contextLength, newSearchMaxLength, ropeTheta, seed, float16);
    }

    public boolean sharesKvBuffer() {
        return attention == Attention.GROUP_QUERY_SHARED_BUFFER;
    }

    /** Id of {@code <|endoftext|>}; the others follow it. */
    public int firstSpecialTokenId() {
        return vocabSize - SPECIAL_TOKENS.size();
    }

    public int endOfTextId() {
        return firstSpecialTokenId();
    }

    public int imStartId() {
        return firstSpecialTokenId() + 1;
    }

    public int imEndId() {
        return firstSpecialTokenId() + 2;
    }
}
