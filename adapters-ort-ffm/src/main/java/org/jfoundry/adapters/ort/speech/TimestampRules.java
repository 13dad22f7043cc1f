package org.jfoundry.adapters.ort.speech;

import java.util.List;

/**
 * Whisper's logit filters for decoding with timestamps, as its {@code SuppressBlank}, {@code SuppressTokens} and
 * {@code ApplyTimestampRules} define them: timestamps come in pairs and never go back, the first token is a timestamp
 * of at most one second, and a timestamp is forced when all timestamps together are likelier than any one text token.
 */
final class TimestampRules {

    /** Whisper's {@code max_initial_timestamp} of 1 s, in 20 ms steps. */
    static final int MAX_INITIAL_TIMESTAMP_STEPS = 50;

    private final WhisperSettings settings;

    TimestampRules(WhisperSettings settings) {
        this.settings = settings;
    }

    /** Sets to -infinity the logits of tokens that may not follow {@code sampled} (the tokens after the prompt). */
    void apply(float[] logits, List<Integer> sampled) {
        int begin = settings.timestampBegin();
        for (int id : settings.suppress()) {
            forbid(logits, id);
        }
        for (int id : new int[] {settings.transcribe(), settings.translate(), settings.sot(), settings.sotPrev(),
                settings.noSpeech(), settings.noTimestamps()}) {
            forbid(logits, id);
        }
        if (sampled.isEmpty()) {
            for (int id : settings.suppressAtBegin()) {
                forbid(logits, id);
            }
        }
        int n = sampled.size();
        boolean lastWasTimestamp = n >= 1 && sampled.get(n - 1) >= begin;
        boolean penultimateWasTimestamp = n < 2 || sampled.get(n - 2) >= begin;
        if (lastWasTimestamp) {
            if (penultimateWasTimestamp) {
                forbidRange(logits, begin, logits.length); // a pair just closed: text or the end comes next
            } else {
                forbidRange(logits, 0, settings.eot()); // a segment's end: another timestamp or the end
            }
        }
        int lastTimestamp = -1;
        for (int token : sampled) {
            if (token >= begin) {
                lastTimestamp = token;
            }
        }
        if (lastTimestamp >= 0) {
            // Timestamps never decrease; after a single one they must also move forward.
            int lowest = lastWasTimestamp && !penultimateWasTimestamp ? lastTimestamp : lastTimestamp + 1;
            forbidRange(logits, begin, Math.min(lowest, logits.length));
        }
        if (sampled.isEmpty()) {
            forbidRange(logits, 0, begin);
            forbidRange(logits, Math.min(logits.length, begin + MAX_INITIAL_TIMESTAMP_STEPS + 1), logits.length);
        }
        if (timestampsOutweighText(logits, begin)) {
            forbidRange(logits, 0, begin);
        }
    }

    /** Whether the summed probability of all timestamps exceeds that of the likeliest text token. */
    private static boolean timestampsOutweighText(float[] logits, int begin) {
        double max = Double.NEGATIVE_INFINITY;
        for (float logit : logits) {
            max = Math.max(max, logit);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return false;
        }
        double timestamps = 0;
        for (int i = begin; i < logits.length; i++) {
            timestamps += Math.exp(logits[i] - max);
        }
        double bestText = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < begin; i++) {
            bestText = Math.max(bestText, logits[i]);
        }
        return timestamps > 0 && Math.log(timestamps) + max > bestText;
    }

    private static void forbid(float[] logits, int id) {
        if (id >= 0 && id < logits.length) {
            logits[id] = Float.NEGATIVE_INFINITY;
        }
    }

    private static void forbidRange(float[] logits, int from, int to) {
        java.util.Arrays.fill(logits, Math.max(0, from), Math.max(Math.max(0, from), to), Float.NEGATIVE_INFINITY);
    }
}
