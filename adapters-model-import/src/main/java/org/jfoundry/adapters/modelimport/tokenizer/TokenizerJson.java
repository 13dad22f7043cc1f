package org.jfoundry.adapters.modelimport.tokenizer;

import org.jfoundry.ports.failure.InvalidRequestException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a Hugging Face {@code tokenizer.json} for a GGUF byte-level BPE vocabulary ({@code tokenizer.ggml.model =
 * gpt2}): the vocabulary and merges as stored, control and user-defined tokens as added tokens, and the
 * pre-tokenizer that {@code tokenizer.ggml.pre} names, written as the model's own Hugging Face tokenizer writes it
 * (llama.cpp chooses its pre-tokenizer regexes from the same name).
 */
public final class TokenizerJson {

    /** Llama 3 and Qwen2 differ only in how many digits a number piece holds. */
    private static final String LLAMA3_PATTERN =
            "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*"
                    + "|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
    private static final String QWEN2_PATTERN =
            "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*"
                    + "|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

    /** The {@code tokenizer.ggml.pre} names this module writes a pre-tokenizer for. */
    public static final List<String> PRE_TOKENIZERS = List.of("default", "gpt-2", "smollm", "qwen2", "llama-bpe");

    private TokenizerJson() {
    }

    /** The tokenizer.json tree, ready for a JSON writer. */
    public static Map<String, Object> build(Vocabulary vocabulary) {
        Map<String, Object> vocab = new LinkedHashMap<>();
        for (int id = 0; id < vocabulary.tokens().size(); id++) {
            vocab.putIfAbsent(vocabulary.tokens().get(id), id);
        }
        Map<String, Object> bpe = new LinkedHashMap<>();
        bpe.put("type", "BPE");
        bpe.put("dropout", null);
        bpe.put("unk_token", null);
        bpe.put("continuing_subword_prefix", null);
        bpe.put("end_of_word_suffix", null);
        bpe.put("fuse_unk", false);
        bpe.put("byte_fallback", false);
        bpe.put("ignore_merges", vocabulary.preTokenizer().equals("llama-bpe"));
        bpe.put("vocab", vocab);
        bpe.put("merges", vocabulary.merges());

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", "1.0");
        json.put("truncation", null);
        json.put("padding", null);
        json.put("added_tokens", addedTokens(vocabulary));
        json.put("normalizer", null);
        json.put("pre_tokenizer", preTokenizer(vocabulary.preTokenizer()));
        json.put("post_processor", null);
        json.put("decoder", byteLevel(true));
        json.put("model", bpe);
        return json;
    }

    private static List<Map<String, Object>> addedTokens(Vocabulary vocabulary) {
        List<Map<String, Object>> added = new ArrayList<>();
        for (int id = 0; id < vocabulary.tokens().size(); id++) {
            if (vocabulary.isAdded(id)) {
                Map<String, Object> token = new LinkedHashMap<>();
                token.put("id", id);
                token.put("content", vocabulary.tokens().get(id));
                token.put("single_word", false);
                token.put("lstrip", false);
                token.put("rstrip", false);
                token.put("normalized", false);
                token.put("special", vocabulary.tokenTypes().get(id) == Vocabulary.CONTROL);
                added.add(token);
            }
        }
        return added;
    }

    /** As each family's Hugging Face tokenizer.json writes it. */
    static Map<String, Object> preTokenizer(String name) {
        return switch (name) {
            case "default", "gpt-2" -> byteLevel(true);
            // SmolLM (StarCoder's tokenizer): every digit alone, then GPT-2's split.
            case "smollm" -> sequence(Map.of("type", "Digits", "individual_digits", true), byteLevel(true));
            case "qwen2" -> sequence(split(QWEN2_PATTERN), byteLevel(false));
            case "llama-bpe" -> sequence(split(LLAMA3_PATTERN), byteLevel(false));
            default -> throw new InvalidRequestException("unsupported GGUF pre-tokenizer '" + name
                    + "' (tokenizer.ggml.pre); supported: " + String.join(", ", PRE_TOKENIZERS));
        };
    }

    private static Map<String, Object> byteLevel(boolean useRegex) {
        Map<String, Object> byteLevel = new LinkedHashMap<>();
        byteLevel.put("type", "ByteLevel");
        byteLevel.put("add_prefix_space", false);
        byteLevel.put("trim_offsets", true);
        byteLevel.put("use_regex", useRegex);
        return byteLevel;
    }

    private static Map<String, Object> split(String pattern) {
        Map<String, Object> split = new LinkedHashMap<>();
        split.put("type", "Split");
        split.put("pattern", Map.of("Regex", pattern));
        split.put("behavior", "Isolated");
        split.put("invert", false);
        return split;
    }

    private static Map<String, Object> sequence(Map<String, Object> first, Map<String, Object> second) {
        return Map.of("type", "Sequence", "pretokenizers", List.of(first, second));
    }
}
