package org.jfoundry.adapters.ort.completion;

import org.jfoundry.ports.inference.Timings;

/**
 * The timings a completion reports, computed the same way by both engines so their figures compare: the decode speed
 * alone. The time to first token is the core's to measure, from where the request starts (queueing and loading
 * included), so it is measured once.
 */
public final class CompletionTimings {

    private CompletionTimings() {
    }

    /**
     * @param firstTokenNanos  when the first token was picked ({@link System#nanoTime()})
     * @param endNanos         when generation ended
     * @param completionTokens tokens generated (the end-of-sequence token not counted)
     * @return decode tokens per second after the first token (0 when fewer than two tokens were generated, since the
     *         first token's time is prefill)
     */
    public static Timings decoding(long firstTokenNanos, long endNanos, int completionTokens) {
        long afterFirst = endNanos - firstTokenNanos;
        return Timings.decoding(completionTokens > 1 && afterFirst > 0 ? (completionTokens - 1) * 1e9 / afterFirst : 0);
    }
}
