package org.jfoundry.adapters.ort.completion;

import java.util.List;

/**
 * Decides which generated text may be streamed when stop strings are set. Text that could be the beginning of a
 * stop string is held back until later text shows it is not; once a stop string appears, it and everything after it
 * are dropped. So a stop string is never emitted, even when tokens split it.
 */
public final class StopStringMatcher {

    private final List<String> stops;
    private final StringBuilder held = new StringBuilder();
    private boolean matched;

    public StopStringMatcher(List<String> stops) {
        this.stops = List.copyOf(stops);
    }

    /** Adds text; returns the part that can be emitted now. After a match, {@link #matched()} is true. */
    public String accept(String text) {
        if (matched) {
            throw new IllegalStateException("generation already ended on a stop string");
        }
        if (stops.isEmpty()) {
            return text;
        }
        held.append(text);
        int stopAt = earliestStop();
        if (stopAt >= 0) {
            matched = true;
            String safe = held.substring(0, stopAt);
            held.setLength(0);
            return safe;
        }
        int keep = longestTailThatStartsAStop();
        String safe = held.substring(0, held.length() - keep);
        held.delete(0, held.length() - keep);
        return safe;
    }

    public boolean matched() {
        return matched;
    }

    /** The held-back text, released when generation ends for another reason. */
    public String release() {
        String rest = held.toString();
        held.setLength(0);
        return rest;
    }

    private int earliestStop() {
        int earliest = -1;
        for (String stop : stops) {
            int at = held.indexOf(stop);
            if (at >= 0 && (earliest < 0 || at < earliest)) {
                earliest = at;
            }
        }
        return earliest;
    }

    private int longestTailThatStartsAStop() {
        int longest = 0;
        for (String stop : stops) {
            for (int length = Math.min(stop.length() - 1, held.length()); length > longest; length--) {
                if (tailEquals(stop, length)) {
                    longest = length;
                    break;
                }
            }
        }
        return longest;
    }

    private boolean tailEquals(String stop, int length) {
        int offset = held.length() - length;
        for (int i = 0; i < length; i++) {
            if (held.charAt(offset + i) != stop.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
