package org.jfoundry.adapters.ort.generate;

import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

/**
 * Picks the next token from one row of logits, reading them where ONNX Runtime wrote them (no copy of the row).
 * Order as in GenAI: penalties, then greedy, or temperature with top-k and/or top-p and a seeded draw. Same seed,
 * same settings and same logits give the same tokens. One sampler serves one request (it keeps token counts).
 */
final class TokenSampler {

    private final SamplingSettings settings;
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
        this.settings = settings;
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

    /** Chooses a token from {@code logits}, a row of {@code vocabSize} floats that penalties may overwrite. */
    int pick(MemorySegment logits) {
        if (promptOrGenerated != null) {
            applyPenalties(logits);
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
        sortDescending(count);
        double inverseTemperature = 1.0 / settings.temperature();
        float max = candidateLogits[0];
        double total = 0;
        for (int i = 0; i < count; i++) {
            total += Math.exp((candidateLogits[i] - max) * inverseTemperature);
        }
        int kept = count;
        if (settings.topP() < 1.0) {
            double cumulative = 0;
            for (int i = 0; i < count; i++) {
                cumulative += Math.exp((candidateLogits[i] - max) * inverseTemperature) / total;
                if (cumulative >= settings.topP()) {
                    kept = i + 1;
                    break;
                }
            }
        }
        double keptTotal = 0;
        for (int i = 0; i < kept; i++) {
            keptTotal += Math.exp((candidateLogits[i] - max) * inverseTemperature);
        }
        double target = random.nextDouble() * keptTotal;
        double cumulative = 0;
        for (int i = 0; i < kept; i++) {
            cumulative += Math.exp((candidateLogits[i] - max) * inverseTemperature);
            if (cumulative >= target) {
                return candidates[i];
            }
        }
        return candidates[kept - 1];
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
