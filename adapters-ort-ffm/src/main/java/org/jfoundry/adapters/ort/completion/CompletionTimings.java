package org.jfoundry.adapters.ort.completion;

import java.time.Duration;
import org.jfoundry.ports.inference.Timings;

/** The timings a completion reports, computed the same way by both engines so their figures compare. */
public final class CompletionTimings {

    private CompletionTimings() {
    }

    /**
     * @param startNanos      when the request started ({@link System#nanoTime()})
     * @param firstTokenNanos when the first token was picked
     * @param endNanos        when generation ended
     * @param completionTokens tokens generated (the end-of-sequence token not counted)
     * @return time to first token, total time, and decode tokens per second after the first token (0 when fewer
     *         than two tokens were generated, since the first token's time is prefill)
     */
    public static Timings of(long startNanos, long firstTokenNanos, long endNanos, int completionTokens) {
        long afterFirst = endNanos - firstTokenNanos;
        double perSecond = completionTokens > 1 && afterFirst > 0 ? (completionTokens - 1) * 1e9 / afterFirst : 0;
        return new Timings(Duration.ofNanos(firstTokenNanos - startNanos), Duration.ofNanos(endNanos - startNanos),
                perSecond);
    }
}
