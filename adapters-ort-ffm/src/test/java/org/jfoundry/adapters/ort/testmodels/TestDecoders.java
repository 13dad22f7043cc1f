package org.jfoundry.adapters.ort.testmodels;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes complete GenAI model folders with random weights: {@code model.onnx} (+ {@code model.onnx.data}),
 * {@code genai_config.json}, a byte-level BPE {@code tokenizer.json}, {@code tokenizer_config.json} with a ChatML
 * chat template, and Foundry's {@code inference_model.json}. Nothing here is committed; folders are generated
 * into a temporary or {@code target/} folder when tests and benchmarks run.
 */
public final class TestDecoders {

    public static final String MODEL_FILE = "model.onnx";
    public static final String WEIGHTS_FILE = "model.onnx.data";
    /** Part of cached folder names: bump it when the generated files change, so stale folders are not reused. */
    private static final int GENERATOR_VERSION = 3;

    /** ChatML as Qwen2.5 writes it, with the default system prompt when the conversation has none. */
    public static final String CHAT_TEMPLATE = """
            {%- if messages[0]['role'] == 'system' %}{{- '<|im_start|>system\\n' + messages[0]['content'] + '<|im_end|>\\n' }}\
            {%- else %}{{- '<|im_start|>system\\nYou are a helpful assistant.<|im_end|>\\n' }}{%- endif %}\
            {%- for message in messages %}{%- if not (message['role'] == 'system' and loop.first) %}\
            {{- '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' }}{%- endif %}{%- endfor %}\
            {%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}""";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TestDecoders() {
    }

    /** Writes the model folder into {@code dir} (created if needed) and returns it; its id is {@link #modelId}. */
    public static Path write(Path dir, DecoderSpec spec) {
        return write(dir, spec, modelId(spec));
    }

    /** Writes the model folder with {@code modelId} ({@code name:version}) as inference_model.json's Name. */
    public static Path write(Path dir, DecoderSpec spec, String modelId) {
        try {
            Files.createDirectories(dir);
            ModelProto model;
            try (ExternalWeights weights = new ExternalWeights(dir.resolve(WEIGHTS_FILE), spec.seed())) {
                model = DecoderGraph.build(spec, weights);
            }
            try (OutputStream out = Files.newOutputStream(dir.resolve(MODEL_FILE))) {
                model.writeTo(out);
            }
            writeJson(dir.resolve("genai_config.json"), genaiConfig(spec));
            ByteLevelTokenizer tokenizer = ByteLevelTokenizer.forSpec(spec);
            writeJson(dir.resolve("tokenizer.json"), tokenizerJson(spec, tokenizer));
            writeJson(dir.resolve("tokenizer_config.json"), tokenizerConfig(spec));
            writeJson(dir.resolve("inference_model.json"), inferenceModel(modelId));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the folder once under {@code parent} in a sub-folder named after the spec, and reuses it afterwards:
     * benchmark-size decoders take a while to write.
     */
    public static Path writeOnce(Path parent, DecoderSpec spec) {
        Path dir = parent.resolve(folderName(spec));
        Path complete = dir.resolve(".complete");
        if (Files.exists(complete)) {
            return dir;
        }
        write(dir, spec);
        try {
            Files.writeString(complete, spec.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    static String folderName(DecoderSpec spec) {
        return "decoder-v" + GENERATOR_VERSION + "-" + spec.modelType() + "-" + spec.attention().name().toLowerCase() + "-"
                + Integer.toHexString(spec.toString().hashCode()); // toString: stable across JVMs, unlike an enum hash
    }

    /** The eos ids the generated genai_config.json lists: a list for the GQA variant, one number for the other. */
    public static List<Integer> eosTokenIds(DecoderSpec spec) {
        return spec.sharesKvBuffer() ? List.of(spec.imEndId(), spec.endOfTextId()) : List.of(spec.imEndId());
    }

    private static Map<String, Object> genaiConfig(DecoderSpec spec) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("input_ids", "input_ids");
        inputs.put("attention_mask", "attention_mask");
        if (spec.positionIds()) {
            inputs.put("position_ids", "position_ids");
        }
        inputs.put("past_key_names", "past_key_values.%d.key");
        inputs.put("past_value_names", "past_key_values.%d.value");
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("logits", "logits");
        outputs.put("present_key_names", "present.%d.key");
        outputs.put("present_value_names", "present.%d.value");

        Map<String, Object> decoder = new LinkedHashMap<>();
        decoder.put("session_options", Map.of("log_id", "onnxruntime-genai", "provider_options", List.of()));
        decoder.put("filename", MODEL_FILE);
        decoder.put("head_size", spec.headSize());
        decoder.put("hidden_size", spec.hiddenSize());
        decoder.put("inputs", inputs);
        decoder.put("outputs", outputs);
        decoder.put("num_attention_heads", spec.heads());
        decoder.put("num_hidden_layers", spec.layers());
        decoder.put("num_key_value_heads", spec.kvHeads());

        Map<String, Object> model = new LinkedHashMap<>();
        model.put("bos_token_id", spec.endOfTextId());
        model.put("context_length", spec.contextLength());
        model.put("decoder", decoder);
        List<Integer> eos = eosTokenIds(spec);
        model.put("eos_token_id", eos.size() == 1 ? eos.getFirst() : eos);
        model.put("pad_token_id", spec.endOfTextId());
        model.put("type", spec.modelType());
        model.put("vocab_size", spec.vocabSize());

        Map<String, Object> search = new LinkedHashMap<>();
        search.put("diversity_penalty", 0.0);
        search.put("do_sample", false);
        search.put("early_stopping", true);
        search.put("length_penalty", 1.0);
        search.put("max_length", spec.searchMaxLength() == 0 ? spec.contextLength() : spec.searchMaxLength());
        search.put("min_length", 0);
        search.put("no_repeat_ngram_size", 0);
        search.put("num_beams", 1);
        search.put("num_return_sequences", 1);
        search.put("past_present_share_buffer", spec.sharesKvBuffer());
        search.put("repetition_penalty", 1.0);
        search.put("temperature", 1.0);
        search.put("top_k", 50);
        search.put("top_p", 1.0);
        return Map.of("model", model, "search", search);
    }

    private static Map<String, Object> tokenizerJson(DecoderSpec spec, ByteLevelTokenizer tokenizer) {
        List<Map<String, Object>> added = new ArrayList<>();
        for (int i = 0; i < DecoderSpec.SPECIAL_TOKENS.size(); i++) {
            Map<String, Object> token = new LinkedHashMap<>();
            token.put("id", spec.firstSpecialTokenId() + i);
            token.put("content", DecoderSpec.SPECIAL_TOKENS.get(i));
            token.put("single_word", false);
            token.put("lstrip", false);
            token.put("rstrip", false);
            token.put("normalized", false);
            token.put("special", true);
            added.add(token);
        }
        Map<String, Object> byteLevel = new LinkedHashMap<>();
        byteLevel.put("type", "ByteLevel");
        byteLevel.put("add_prefix_space", false);
        byteLevel.put("trim_offsets", false);
        byteLevel.put("use_regex", true);

        Map<String, Object> bpe = new LinkedHashMap<>();
        bpe.put("type", "BPE");
        bpe.put("dropout", null);
        bpe.put("unk_token", null);
        bpe.put("continuing_subword_prefix", "");
        bpe.put("end_of_word_suffix", "");
        bpe.put("fuse_unk", false);
        bpe.put("byte_fallback", false);
        bpe.put("vocab", tokenizer.vocab());
        bpe.put("merges", tokenizer.merges());

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", "1.0");
        json.put("truncation", null);
        json.put("padding", null);
        json.put("added_tokens", added);
        json.put("normalizer", null);
        json.put("pre_tokenizer", byteLevel);
        json.put("post_processor", null);
        json.put("decoder", byteLevel);
        json.put("model", bpe);
        return json;
    }

    private static Map<String, Object> tokenizerConfig(DecoderSpec spec) {
        Map<String, Object> addedDecoder = new LinkedHashMap<>();
        for (int i = 0; i < DecoderSpec.SPECIAL_TOKENS.size(); i++) {
            addedDecoder.put(Integer.toString(spec.firstSpecialTokenId() + i), Map.of(
                    "content", DecoderSpec.SPECIAL_TOKENS.get(i), "lstrip", false, "normalized", false,
                    "rstrip", false, "single_word", false, "special", true));
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("add_prefix_space", false);
        config.put("added_tokens_decoder", addedDecoder);
        config.put("bos_token", null);
        config.put("chat_template", CHAT_TEMPLATE);
        config.put("clean_up_tokenization_spaces", false);
        config.put("eos_token", "<|im_end|>");
        config.put("model_max_length", spec.contextLength());
        config.put("pad_token", "<|endoftext|>");
        config.put("tokenizer_class", "Qwen2Tokenizer");
        return config;
    }

    /** A Foundry-style id for a spec, such as {@code test-qwen2-gqa-2x64-generic-cpu:1}. */
    public static String modelId(DecoderSpec spec) {
        return "test-" + spec.modelType() + "-" + (spec.sharesKvBuffer() ? "gqa" : "standard") + "-" + spec.layers()
                + "x" + spec.hiddenSize() + "-generic-cpu:1";
    }

    private static Map<String, Object> inferenceModel(String modelId) {
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("system", "<|im_start|>system\n{Content}<|im_end|>\n");
        template.put("user", "<|im_start|>user\n{Content}<|im_end|>\n");
        template.put("assistant", "<|im_start|>assistant\n{Content}<|im_end|>\n");
        template.put("prompt", "<|im_start|>user\n{Content}<|im_end|>\n<|im_start|>assistant\n");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("Name", modelId);
        json.put("Task", "chat-completion");
        json.put("PromptTemplate", template);
        return json;
    }

    private static void writeJson(Path file, Object value) throws IOException {
        JSON.writeValue(file.toFile(), value);
    }
}
