package org.jfoundry.adapters.ort.constraint;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.function.LongFunction;
import java.util.stream.IntStream;

/**
 * A model's tokens as bytes, sorted so that a mask computation walks shared prefixes once and skips every token
 * that starts with a refused prefix. Built once per model.
 */
public final class TokenVocabulary {

    final int size;
    final byte[][] bytes;
    /** Token ids with bytes, in byte order. */
    final int[] sorted;
    /** For each position of {@link #sorted}, how many leading bytes it shares with the token before it. */
    final int[] sharedPrefix;
    final int[] endIds;
    final int longest;

    private TokenVocabulary(int size, byte[][] bytes, int[] endIds) {
        this.size = size;
        this.bytes = bytes;
        this.endIds = endIds;
        this.sorted = IntStream.range(0, size).filter(id -> bytes[id].length > 0).boxed()
                .sorted(Comparator.comparing(id -> bytes[id], Arrays::compareUnsigned))
                .mapToInt(Integer::intValue).toArray();
        this.sharedPrefix = new int[sorted.length];
        int longestSoFar = 0;
        for (int i = 0; i < sorted.length; i++) {
            byte[] token = bytes[sorted[i]];
            longestSoFar = Math.max(longestSoFar, token.length);
            if (i > 0) {
                int mismatch = Arrays.mismatch(bytes[sorted[i - 1]], token);
                sharedPrefix[i] = mismatch < 0 ? token.length : mismatch;
            }
        }
        this.longest = longestSoFar;
    }

    /**
     * @param size    the width of the model's logits (ids past the tokenizer's, and special tokens, have no bytes)
     * @param bytesOf the bytes each id decodes to; empty for special tokens
     * @param endIds  the end-of-sequence ids, allowed once the output is a whole value
     */
    public static TokenVocabulary of(int size, LongFunction<byte[]> bytesOf, Collection<Integer> endIds) {
        byte[][] bytes = new byte[size][];
        for (int id = 0; id < size; id++) {
            bytes[id] = bytesOf.apply(id);
        }
        return new TokenVocabulary(size, bytes, endIds.stream().mapToInt(Integer::intValue)
                .filter(id -> id >= 0 && id < size).toArray());
    }

    public int size() {
        return size;
    }
}
