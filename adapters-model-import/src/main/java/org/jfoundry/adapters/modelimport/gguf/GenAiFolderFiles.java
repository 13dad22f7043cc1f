package org.jfoundry.adapters.modelimport.gguf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.jfoundry.adapters.modelimport.tokenizer.TokenizerJson;
import org.jfoundry.adapters.modelimport.tokenizer.Vocabulary;
import org.jfoundry.ports.failure.InvalidRequestException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The JSON files of a GenAI model folder, from GGUF metadata: {@code genai_config.json} (decoder shape, special ids,
 * search defaults), {@code tokenizer.json} and {@code tokenizer_config.json} (chat template, bos/eos tokens).
 */
final class GenAiFolderFiles {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Texts that end a turn in the families this converter reads; llama.cpp stops on the same ones. */
    private static final List<String> END_OF_TURN_TEXTS =
            List.of("<|im_end|>", "<|endoftext|>", "<|eot_id|>", "<|end|>", "<end_of_turn>");

    private final GgufFile gguf;
    private final LlamaSpec spec;
    private final Vocabulary vocabulary;

    GenAiFolderFiles(GgufFile gguf, LlamaSpec spec) {
        this.gguf = gguf;
        this.spec = spec;
        this.vocabulary = vocabulary(gguf);
        if (vocabulary.tokens().size() != spec.vocabSize()) {
            throw new InvalidRequestException("the GGUF vocabulary has " + vocabulary.tokens().size()
                    + " tokens but token_embd.weight has " + spec.vocabSize() + " rows");
        }
        TokenizerJson.build(vocabulary); // fails now, before any file is written, on an unknown pre-tokenizer
    }

    static Vocabulary vocabulary(GgufFile gguf) {
        String model = gguf.get("tokenizer.ggml.model").map(Object::toString).orElse("(none)");
        if (!model.equals("gpt2")) {
            throw new InvalidRequestException("unsupported GGUF tokenizer model '" + model
                    + "' (tokenizer.ggml.model); supported: gpt2 (byte-level BPE)");
        }
        List<String> tokens = gguf.<Object>list("tokenizer.ggml.tokens").stream().map(Object::toString).toList();
        List<Integer> types = gguf.get("tokenizer.ggml.token_type").isPresent()
                ? gguf.<Object>list("tokenizer.ggml.token_type").stream().map(t -> ((Number) t).intValue()).toList()
                : tokens.stream().map(t -> 1).toList();
        List<String> merges = gguf.get("tokenizer.ggml.merges").isPresent()
                ? gguf.<Object>list("tokenizer.ggml.merges").stream().map(Object::toString).toList() : List.of();
        String pre = gguf.get("tokenizer.ggml.pre").map(Object::toString).orElse("default");
        return new Vocabulary(tokens, types, merges, pre);
    }

    void write(Path folder) throws IOException {
        JSON.writeValue(folder.resolve("genai_config.json").toFile(), genaiConfig());
        JSON.writeValue(folder.resolve("tokenizer.json").toFile(), TokenizerJson.build(vocabulary));
        JSON.writeValue(folder.resolve("tokenizer_config.json").toFile(), tokenizerConfig());
    }

    Optional<Integer> id(String key) {
        return gguf.optionalInteger(key).map(Long::intValue).filter(id -> id >= 0 && id < vocabulary.tokens().size());
    }

    /** eos, end-of-turn and end-of-message ids, then every control token with a known end-of-turn text. */
    List<Integer> stopIds() {
        Set<Integer> ids = new LinkedHashSet<>();
        id("tokenizer.ggml.eos_token_id").ifPresent(ids::add);
        id("tokenizer.ggml.eot_token_id").ifPresent(ids::add);
        id("tokenizer.ggml.eom_token_id").ifPresent(ids::add);
        for (int tokenId = 0; tokenId < vocabulary.tokens().size(); tokenId++) {
            if (vocabulary.isAdded(tokenId) && END_OF_TURN_TEXTS.contains(vocabulary.tokens().get(tokenId))) {
                ids.add(tokenId);
            }
        }
        return new ArrayList<>(ids);
    }

    private Map<String, Object> genaiConfig() {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("input_ids", "input_ids");
        inputs.put("attention_mask", "attention_mask");
        inputs.put("past_key_names", "past_key_values.%d.key");
        inputs.put("past_value_names", "past_key_values.%d.value");
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("logits", "logits");
        outputs.put("present_key_names", "present.%d.key");
        outputs.put("present_value_names", "present.%d.value");

        Map<String, Object> decoder = new LinkedHashMap<>();
        decoder.put("session_options", Map.of("log_id", "onnxruntime-genai", "provider_options", List.of()));
        decoder.put("filename", LlamaDecoderWriter.MODEL_FILE);
        decoder.put("head_size", spec.headSize());
        decoder.put("hidden_size", spec.hiddenSize());
        decoder.put("inputs", inputs);
        decoder.put("outputs", outputs);
        decoder.put("num_attention_heads", spec.heads());
        decoder.put("num_hidden_layers", spec.layers());
        decoder.put("num_key_value_heads", spec.kvHeads());

        List<Integer> stops = stopIds();
        int eos = stops.isEmpty() ? 0 : stops.getFirst();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("bos_token_id", id("tokenizer.ggml.bos_token_id").orElse(eos));
        model.put("context_length", spec.contextLength());
        model.put("decoder", decoder);
        model.put("eos_token_id", stops.size() == 1 ? stops.getFirst() : stops);
        model.put("pad_token_id", id("tokenizer.ggml.padding_token_id").orElse(eos));
        model.put("type", spec.architecture());
        model.put("vocab_size", spec.vocabSize());

        Map<String, Object> search = new LinkedHashMap<>();
        search.put("diversity_penalty", 0.0);
        search.put("do_sample", false);
        search.put("early_stopping", true);
        search.put("length_penalty", 1.0);
        search.put("max_length", spec.contextLength());
        search.put("min_length", 0);
        search.put("no_repeat_ngram_size", 0);
        search.put("num_beams", 1);
        search.put("num_return_sequences", 1);
        search.put("past_present_share_buffer", true);
        search.put("repetition_penalty", 1.0);
        search.put("temperature", 1.0);
        search.put("top_k", 50);
        search.put("top_p", 1.0);
        return Map.of("model", model, "search", search);
    }

    private Map<String, Object> tokenizerConfig() {
        Map<String, Object> addedDecoder = new LinkedHashMap<>();
        for (int tokenId = 0; tokenId < vocabulary.tokens().size(); tokenId++) {
            if (vocabulary.isAdded(tokenId)) {
                addedDecoder.put(Integer.toString(tokenId), Map.of("content", vocabulary.tokens().get(tokenId),
                        "lstrip", false, "normalized", false, "rstrip", false, "single_word", false,
                        "special", vocabulary.tokenTypes().get(tokenId) == Vocabulary.CONTROL));
            }
        }
        List<Integer> stops = stopIds();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("add_bos_token", gguf.get("tokenizer.ggml.add_bos_token").map(Boolean.TRUE::equals).orElse(false));
        config.put("add_eos_token", false);
        config.put("add_prefix_space", false);
        config.put("added_tokens_decoder", addedDecoder);
        config.put("bos_token", id("tokenizer.ggml.bos_token_id").map(vocabulary.tokens()::get).orElse(null));
        gguf.get("tokenizer.chat_template").ifPresent(template -> config.put("chat_template", template.toString()));
        config.put("clean_up_tokenization_spaces", false);
        config.put("eos_token", stops.isEmpty() ? null : vocabulary.tokens().get(stops.getFirst()));
        config.put("model_max_length", spec.contextLength());
        config.put("pad_token", id("tokenizer.ggml.padding_token_id").map(vocabulary.tokens()::get).orElse(null));
        config.put("tokenizer_class", switch (vocabulary.preTokenizer()) {
            case "qwen2" -> "Qwen2Tokenizer";
            case "llama-bpe" -> "PreTrainedTokenizerFast";
            default -> "GPT2Tokenizer";
        });
        config.put("unk_token", id("tokenizer.ggml.unknown_token_id").map(vocabulary.tokens()::get).orElse(null));
        return config;
    }
}
