package org.jfoundry.adapters.ort.testmodels;

/** Prompt texts for tests and benchmarks on the generated decoders. */
public final class TestPrompts {

    private TestPrompts() {
    }

    /**
     * {@code words} of the generated tokenizer's common words, cycling, separated by spaces: one token a word on a
     * vocabulary large enough to hold them all (4096 tokens and up), so the benchmark's prompt of {@code words} tokens.
     */
    public static String commonWords(int words) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words; i++) {
            text.append(i == 0 ? "" : " ").append(ByteLevelTokenizer.WORDS.get(i % ByteLevelTokenizer.WORDS.size()));
        }
        return text.toString();
    }
}
