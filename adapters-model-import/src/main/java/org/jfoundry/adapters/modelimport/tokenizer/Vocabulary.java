package org.jfoundry.adapters.modelimport.tokenizer;

import java.util.List;
import java.util.Objects;

/**
 * A byte-level BPE vocabulary as GGUF stores it ({@code tokenizer.ggml.*}).
 *
 * @param tokens       token texts, index = id, in GPT-2's byte-to-character form
 * @param tokenTypes   ggml token types per id: 1 normal, 2 unknown, 3 control, 4 user-defined, 5 unused, 6 byte
 * @param merges       {@code "left right"} pairs in rank order
 * @param preTokenizer {@code tokenizer.ggml.pre}, for example {@code smollm}, {@code qwen2}, {@code llama-bpe}
 */
public record Vocabulary(List<String> tokens, List<Integer> tokenTypes, List<String> merges, String preTokenizer) {

    public static final int CONTROL = 3;
    public static final int USER_DEFINED = 4;

    public Vocabulary {
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(tokenTypes, "tokenTypes");
        Objects.requireNonNull(merges, "merges");
        preTokenizer = preTokenizer == null ? "default" : preTokenizer;
        if (tokenTypes.size() != tokens.size()) {
            throw new IllegalArgumentException(tokens.size() + " tokens but " + tokenTypes.size() + " token types");
        }
    }

    /** Whether the id is a token the model only writes or reads whole (control or user-defined). */
    public boolean isAdded(int id) {
        int type = tokenTypes.get(id);
        return type == CONTROL || type == USER_DEFINED;
    }
}
