package org.jfoundry.adapters.ort.testmodels;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A GPT-2/Qwen-style byte-level BPE vocabulary of exactly the model's vocab size: the 256 byte tokens (id = byte
 * value), merges that spell common English words, filler merges, then the special tokens at the top ids.
 */
final class ByteLevelTokenizer {

    /** Common words, so prompts tokenize into multi-byte tokens and generated text mixes long and short tokens. */
    private static final String[] WORDS = ("the of and to in is you that it he was for on are as with his they at be "
            + "this have from or one had by word but not what all were we when your can said there use an each which "
            + "she do how their if will up other about out many then them these so some her would make like him into "
            + "time has look two more write go see number no way could people my than first water been call who oil "
            + "its now find long down day did get come made may part hello world model token stream cache tensor "
            + "assistant user system answer question local foundry java runtime inference generate text sample").split(" ");

    private final Map<String, Integer> vocab = new LinkedHashMap<>();
    private final List<String> merges = new ArrayList<>();

    private ByteLevelTokenizer() {
    }

    static ByteLevelTokenizer forSpec(DecoderSpec spec) {
        ByteLevelTokenizer tokenizer = new ByteLevelTokenizer();
        for (int b = 0; b < 256; b++) {
            tokenizer.vocab.put(String.valueOf(byteToChar(b)), b);
        }
        int target = spec.firstSpecialTokenId();
        tokenizer.addWordMerges(target);
        tokenizer.addFillerMerges(target, new SplittableRandom(spec.seed()));
        return tokenizer;
    }

    Map<String, Integer> vocab() {
        return vocab;
    }

    List<String> merges() {
        return merges;
    }

    private void addWordMerges(int target) {
        for (String word : WORDS) {
            for (String form : new String[]{"Ġ" + word, word}) {
                String built = form.substring(0, 1);
                for (int i = 1; i < form.length() && vocab.size() < target; i++) {
                    String next = form.substring(i, i + 1);
                    merge(built, next);
                    built = built + next;
                }
            }
        }
    }

    /** Random pairs of short existing tokens until the vocabulary is full; large vocabularies need many. */
    private void addFillerMerges(int target, SplittableRandom random) {
        List<String> shortTokens = new ArrayList<>(vocab.keySet());
        Map<String, Boolean> seen = new HashMap<>();
        vocab.keySet().forEach(token -> seen.put(token, true));
        while (vocab.size() < target) {
            String left = shortTokens.get(random.nextInt(Math.min(shortTokens.size(), 4096)));
            String right = shortTokens.get(random.nextInt(256));
            String joined = left + right;
            if (seen.putIfAbsent(joined, true) == null) {
                merge(left, right);
                if (joined.length() < 6) {
                    shortTokens.add(joined);
                }
            }
        }
    }

    private void merge(String left, String right) {
        String joined = left + right;
        if (!vocab.containsKey(joined)) {
            vocab.put(joined, vocab.size());
            merges.add(left + " " + right);
        }
    }

    /** GPT-2's reversible byte-to-character map: printable bytes stand for themselves, the rest move above 255. */
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
