package org.jfoundry.adapters.ort.generate;

import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

/**
 * Picks the next token from one row of logits, reading them where ONNX Runtime wrote them (no copy of the row).
 * Order as in GenAI: penalties, then greedy, or temperature with top-k and/or top-p and a seeded draw. Same seed,
 * same settings and same logits give the same tokens. One sampler serves one request (it keeps token counts).
 *
 * <p>With a token filter (a response format's schema) only tokens it allows are picked: greedy walks the best tokens
 * by logit until one passes; sampling draws as usual and redraws a refused token, which is the same as renormalising
 * over the allowed tokens. Only when a few tries fail does it test every token (a masked scan, answered from the
 * filter's cached mask).
 */
final class TokenSampler {

    /** Best tokens greedy tries before the masked scan, and draws among top-k/top-p candidates before it. */
    static final int GREEDY_WALK = 64;
    static final int REDRAWS = 16;
    /** What {@link #pick} returns when the filter allows no token at all. */
    static final int NONE_ALLOWED = -1;

    private final SamplingSettings settings;
    private final IntPredicate allowed;
    private final int vocabSize;
    private final SplittableRandom random;
    /** Occurrences per token: prompt tokens count for the repetition penalty, generated ones for all penalties. */
    private final int[] promptOrGenerated;
    private final int[] generatedCounts;
    private final int[] seen;
    private int seenCount;
    /** Candidate scratch, allocated on first need and reused every step. */
    private int[] candidates;
    private float[] candidateLogits;
    private long[] sortKeys;

    TokenSampler(SamplingSettings settings, int vocabSize) {
        this(settings, vocabSize, null);
    }

    /** @param allowed the tokens that may be picked this step (asked again every step); null: any token */
    TokenSampler(SamplingSettings settings, int vocabSize, IntPredicate allowed) {
        this.settings = settings;
        this.allowed = allowed;
        this.vocabSize = vocabSize;
        this.random = new SplittableRandom(settings.seed());
        this.promptOrGenerated = settings.penalizes() ? new int[vocabSize] : null;
        this.generatedCounts = settings.penalizes() ? new int[vocabSize] : null;
        this.seen = settings.penalizes() ? new int[vocabSize] : null;
    }

    void notePrompt(long[] ids) {
        for (long id : ids) {
            note(id, false);
        }
    }

    /** Records a chosen token so later steps penalize it. */
    void noteGenerated(long id) {
        note(id, true);
    }

    private void note(long id, boolean generated) {
        if (promptOrGenerated == null || id < 0 || id >= vocabSize) {
            return;
        }
        int token = (int) id;
        if (promptOrGenerated[token]++ == 0) {
            seen[seenCount++] = token;
        }
        if (generated) {
            generatedCounts[token]++;
        }
    }

    /**
     * Chooses a token from {@code logits}, a row of {@code vocabSize} floats that penalties may overwrite;
     * {@link #NONE_ALLOWED} when a filter refuses every token.
     */
    int pick(MemorySegment logits) {
        if (promptOrGenerated != null) {
            applyPenalties(logits);
        }
        if (allowed != null) {
            return pickAllowed(logits);
        }
        if (!settings.sample()) {
            return argmax(logits);
        }
        boolean topK = settings.topK() > 0 && settings.topK() < vocabSize;
        if (!topK && settings.topP() >= 1.0) {
            return drawFromAll(logits);
        }
        int count = topK ? selectTopK(logits, settings.topK()) : selectNucleusCandidates(logits);
        return drawFromCandidates(count);
    }

    private int pickAllowed(MemorySegment logits) {
        if (!settings.sample()) {
            int count = selectTopK(logits, Math.min(GREEDY_WALK, vocabSize));
            sortDescending(count);
            for (int i = 0; i < count; i++) {
                if (allowed.test(candidates[i])) {
                    return candidates[i];
                }
            }
            return maskedArgmax(logits);
        }
        boolean topK = settings.topK() > 0 && settings.topK() < vocabSize;
        if (!topK && settings.topP() >= 1.0) {
            // A draw from the whole vocabulary costs a pass over it: after one refusal, draw among the allowed.
            int token = drawFromAll(logits);
            return allowed.test(token) ? token : maskedDrawFromAll(logits);
        }
        int count = topK ? selectTopK(logits, settings.topK()) : selectNucleusCandidates(logits);
        int kept = keepNucleus(count);
        for (int attempt = 0; attempt < REDRAWS; attempt++) {
            int token = candidates[drawAmong(kept)];
            if (allowed.test(token)) {
                return token;
            }
        }
        int allowedCount = 0;
        for (int i = 0; i < kept; i++) {
            if (allowed.test(candidates[i])) {
                candidates[allowedCount] = candidates[i];
                candidateLogits[allowedCount++] = candidateLogits[i];
            }
        }
        // No allowed token survived top-k/top-p: draw among all allowed tokens rather than give up.
        return allowedCount > 0 ? candidates[drawAmong(allowedCount)] : maskedDrawFromAll(logits);
    }

    /** The most likely allowed token, testing only tokens that beat the best allowed one so far. */
    private int maskedArgmax(MemorySegment logits) {
        int best = NONE_ALLOWED;
        float bestScore = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < vocabSize; i++) {
            float score = logits.getAtIndex(JAVA_FLOAT, i);
            if ((best == NONE_ALLOWED || score > bestScore) && allowed.test(i)) {
                bestScore = score;
                best = i;
            }
        }
        return best;
    }

    /** A draw renormalised over every allowed token of the vocabulary. */
    private int maskedDrawFromAll(MemorySegment logits) {
        ensureScratch(vocabSize);
        int count = 0;
        for (int i = 0; i < vocabSize; i++) {
            if (allowed.test(i)) {
                candidates[count] = i;
                candidateLogits[count++] = logits.getAtIndex(JAVA_FLOAT, i);
            }
        }
        return count == 0 ? NONE_ALLOWED : candidates[drawAmong(count)];
    }

    private void applyPenalties(MemorySegment logits) {
        double repetition = settings.repetitionPenalty();
        for (int i = 0; i < seenCount; i++) {
            int token = seen[i];
            long offset = (long) token * Float.BYTES;
            float score = logits.get(JAVA_FLOAT, offset);
            if (repetition != 1.0) {
                score = (float) (score < 0 ? score * repetition : score / repetition);
            }
            int generated = generatedCounts[token];
            if (generated > 0) {
                score -= (float) (settings.presencePenalty() + settings.frequencyPenalty() * generated);
            }
            logits.set(JAVA_FLOAT, offset, score);
        }
    }

    static int argmax(MemorySegment logits, int vocabSize) {
        int best = 0;
        float bestScore = logits.get(JAVA_FLOAT, 0);
        for (int i = 1; i < vocabSize; i++) {
            float score = logits.getAtIndex(JAVA_FLOAT, i);
            if (score > bestScore) {
                bestScore = score;
                best = i;
            }
        }
        return best;
    }

    private int argmax(MemorySegment logits) {
        return argmax(logits, vocabSize);
    }

    /** Temperature sampling over the whole vocabulary in two passes, without a copy. */
    private int drawFromAll(MemorySegment logits) {
        float max = logits.getAtIndex(JAVA_FLOAT, argmax(logits));
        double inverseTemperature = 1.0 / settings.temperature();
        double total = 0;
        for (int i = 0; i < vocabSize; i++) {
            total += Math.exp((logits.getAtIndex(JAVA_FLOAT, i) - max) * inverseTemperature);
        }
        double target = random.nextDouble() * total;
        double cumulative = 0;
        for (int i = 0; i < vocabSize; i++) {
            cumulative += Math.exp((logits.getAtIndex(JAVA_FLOAT, i) - max) * inverseTemperature);
            if (cumulative >= target) {
                return i;
            }
        }
        return vocabSize - 1;
    }

    /** The k best tokens by a min-heap, left in the candidate scratch; returns k. */
    private int selectTopK(MemorySegment logits, int k) {
        ensureScratch(k);
        int size = 0;
        for (int i = 0; i < vocabSize; i++) {
            float score = logits.getAtIndex(JAVA_FLOAT, i);
            if (size < k) {
                candidates[size] = i;
                candidateLogits[size] = score;
                siftUp(size++);
            } else if (score > candidateLogits[0]) {
                candidates[0] = i;
                candidateLogits[0] = score;
                siftDown(0, size);
            }
        }
        return size;
    }

    /**
     * Tokens that can be in the nucleus: one whose probability is below (1 - top_p) / vocab can never be, because all
     * tokens at most as likely together weigh less than 1 - top_p. The exact cut is made after sorting.
     */
    private int selectNucleusCandidates(MemorySegment logits) {
        ensureScratch(vocabSize);
        float max = logits.getAtIndex(JAVA_FLOAT, argmax(logits));
        double inverseTemperature = 1.0 / settings.temperature();
        double total = 0;
        for (int i = 0; i < vocabSize; i++) {
            total += Math.exp((logits.getAtIndex(JAVA_FLOAT, i) - max) * inverseTemperature);
        }
        double floor = (1 - settings.topP()) / vocabSize * total;
        int count = 0;
        for (int i = 0; i < vocabSize; i++) {
            float score = logits.getAtIndex(JAVA_FLOAT, i);
            if (Math.exp((score - max) * inverseTemperature) >= floor) {
                candidates[count] = i;
                candidateLogits[count++] = score;
            }
        }
        return count;
    }

    /** Softmax with temperature over the candidates, the top-p cut, then a seeded draw. */
    private int drawFromCandidates(int count) {
        return candidates[drawAmong(keepNucleus(count))];
    }

    /** Sorts the candidates best first and returns how many the top-p cut keeps. */
    private int keepNucleus(int count) {
        sortDescending(count);
        if (settings.topP() >= 1.0) {
            return count;
        }
        double inverseTemperature = 1.0 / settings.temperature();
        float max = candidateLogits[0];
        double total = 0;
        for (int i = 0; i < count; i++) {
            total += Math.exp((candidateLogits[i] - max) * inverseTemperature);
        }
        double cumulative = 0;
        for (int i = 0; i < count; i++) {
            cumulative += Math.exp((candidateLogits[i] - max) * inverseTemperature) / total;
            if (cumulative >= settings.topP()) {
                return i + 1;
            }
        }
        return count;
    }

    /** A seeded draw among the first {@code count} candidates by their softmax weights; returns its index. */
    private int drawAmong(int count) {
        double inverseTemperature = 1.0 / settings.temperature();
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            max = Math.max(max, candidateLogits[i]);
        }
        double total = 0;
        for (int i = 0; i < count; i++) {
            total += Math.exp((candidateLogits[i] - max) * inverseTemperature);
        }
        double target = random.nextDouble() * total;
        double cumulative = 0;
        for (int i = 0; i < count; i++) {
            cumulative += Math.exp((candidateLogits[i] - max) * inverseTemperature);
            if (cumulative >= target) {
                return i;
            }
        }
        return count - 1;
    }

    private void ensureScratch(int size) {
        if (candidates == null || candidates.length < size) {
            candidates = new int[size];
            candidateLogits = new float[size];
            sortKeys = new long[size];
        }
    }

    /** Sorts the candidates by logit, highest first; ties by token id so the order never depends on the heap. */
    private void sortDescending(int count) {
        long[] keys = sortKeys;
        for (int i = 0; i < count; i++) {
            // Order-preserving float bits in the high word, inverted so ascending sort gives descending logits.
            int bits = Float.floatToIntBits(candidateLogits[i]);
            int ordered = bits >= 0 ? bits : bits ^ 0x7FFFFFFF;
            keys[i] = ((long) ~ordered << 32) | (candidates[i] & 0xFFFFFFFFL);
        }
        java.util.Arrays.sort(keys, 0, count);
        for (int i = 0; i < count; i++) {
            int token = (int) keys[i];
            candidates[i] = token;
        }
        for (int i = 0; i < count; i++) {
            int ordered = ~(int) (keys[i] >> 32);
            int bits = ordered >= 0 ? ordered : ordered ^ 0x7FFFFFFF;
            candidateLogits[i] = Float.intBitsToFloat(bits);
        }
    }

    private void siftUp(int index) {
        while (index > 0) {
            int parent = (index - 1) / 2;
            if (candidateLogits[parent] <= candidateLogits[index]) {
                return;
            }
            swap(parent, index);
            index = parent;
        }
    }

    private void siftDown(int index, int size) {
        while (true) {
            int smallest = index;
            int left = 2 * index + 1;
            int right = left + 1;
            if (left < size && candidateLogits[left] < candidateLogits[smallest]) {
                smallest = left;
            }
            if (right < size && candidateLogits[right] < candidateLogits[smallest]) {
                smallest = right;
            }
            if (smallest == index) {
                return;
            }
            swap(smallest, index);
            index = smallest;
        }
    }

    private void swap(int a, int b) {
        int token = candidates[a];
        candidates[a] = candidates[b];
        candidates[b] = token;
        float score = candidateLogits[a];
        candidateLogits[a] = candidateLogits[b];
        candidateLogits[b] = score;
    }
}
