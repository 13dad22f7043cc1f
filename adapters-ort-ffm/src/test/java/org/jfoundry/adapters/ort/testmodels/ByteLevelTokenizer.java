package org.jfoundry.adapters.ort.testmodels;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A GPT-2/Qwen-style byte-level BPE vocabulary of exactly the model's vocab size: the 256 byte tokens (id = byte
 * value), merges that spell common English words, filler merges, then the special tokens at the top ids.
 *
 * <p>Like a trained BPE tokenizer, every token is what the merges make of its own text: a merge is added only for two
 * adjacent pieces of what the merges so far make of a word, so applying the merges by rank to a token's text always
 * gives that one token. Tokenizers that take a pre-token found in the vocabulary whole (GenAI's) and those that only
 * apply merges (Hugging Face's) therefore split every text alike.
 */
final class ByteLevelTokenizer {

    /** Common words, so prompts tokenize into multi-byte tokens and generated text mixes long and short tokens. */
    static final List<String> WORDS = List.of(("the of and to in is you that it he was for on are as with his they at "
            + "be this have from or one had by word but not what all were we when your can said there use an each "
            + "which she do how their if will up other about out many then them these so some her would make like him "
            + "into time has look two more write go see number no way could people my than first water been call who "
            + "oil its now find long down day did get come made may part hello world model token stream cache tensor "
            + "assistant user system answer question local foundry java runtime inference generate text sample")
            .split(" "));

    private final Map<String, Integer> vocab = new LinkedHashMap<>();
    private final List<String> merges = new ArrayList<>();
    /** "left right" to its rank, the order in which merges apply. */
    private final Map<String, Integer> ranks = new HashMap<>();

    private ByteLevelTokenizer() {
    }

    static ByteLevelTokenizer forSpec(DecoderSpec spec) {
        ByteLevelTokenizer tokenizer = new ByteLevelTokenizer();
        for (int b = 0; b < 256; b++) {
            tokenizer.vocab.put(String.valueOf(byteToChar(b)), b);
        }
        int target = spec.firstSpecialTokenId();
        for (String word : WORDS) {
            tokenizer.addWord("Ġ" + word, target);
            tokenizer.addWord(word, target);
        }
        tokenizer.addFillerMerges(target, new SplittableRandom(spec.seed()));
        return tokenizer;
    }

    Map<String, Integer> vocab() {
        return vocab;
    }

    List<String> merges() {
        return merges;
    }

    /**
     * The pieces the merges make of {@code text} (byte-level characters): the adjacent pair of lowest rank is merged,
     * the leftmost on a tie, until no pair has a merge, as Hugging Face's BPE does.
     */
    List<String> split(String text) {
        List<String> pieces = new ArrayList<>(text.length());
        for (int i = 0; i < text.length(); i++) {
            pieces.add(text.substring(i, i + 1));
        }
        while (pieces.size() > 1) {
            int best = -1;
            int bestRank = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < pieces.size(); i++) {
                Integer rank = ranks.get(pieces.get(i) + " " + pieces.get(i + 1));
                if (rank != null && rank < bestRank) {
                    best = i;
                    bestRank = rank;
                }
            }
            if (best < 0) {
                break;
            }
            pieces.set(best, pieces.get(best) + pieces.remove(best + 1));
        }
        return pieces;
    }

    /** Merges the first two pieces of the word until it is one token (or the vocabulary is full). */
    private void addWord(String word, int target) {
        for (List<String> pieces = split(word); pieces.size() > 1 && vocab.size() < target; pieces = split(word)) {
            merge(pieces.get(0), pieces.get(1));
        }
    }

    /**
     * Random pairs of short existing tokens until the vocabulary is full; large vocabularies need many. A pair is
     * taken only when the merges so far split its text into exactly those two tokens, so the new merge rebuilds it.
     */
    private void addFillerMerges(int target, SplittableRandom random) {
        List<String> shortTokens = new ArrayList<>(vocab.keySet());
        Set<String> tried = new HashSet<>(vocab.keySet());
        while (vocab.size() < target) {
            String left = shortTokens.get(random.nextInt(Math.min(shortTokens.size(), 4096)));
            String right = shortTokens.get(random.nextInt(256));
            String joined = left + right;
            if (tried.add(joined) && split(joined).equals(List.of(left, right))) {
                merge(left, right);
                if (joined.length() < 6) {
                    shortTokens.add(joined);
                }
            }
        }
    }

    private void merge(String left, String right) {
        String joined = left + right;
        if (vocab.putIfAbsent(joined, vocab.size()) != null) {
            // The merges already split the text into left and right, so it cannot be a token yet.
            throw new IllegalStateException("merge " + left + " + " + right + " would repeat token " + joined);
        }
        ranks.put(left + " " + right, merges.size());
        merges.add(left + " " + right);
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
