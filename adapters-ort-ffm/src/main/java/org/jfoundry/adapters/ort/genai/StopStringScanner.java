package org.jfoundry.adapters.ort.genai;

import java.util.List;

/**
 * Decides which decoded text may be streamed. Text that could be the start of a stop string is held back until the
 * next chunk shows it is not; when a stop string appears, everything from it on is dropped, so it never leaks.
 */
final class StopStringScanner {

    private final List<String> stops;
    private final StringBuilder pending = new StringBuilder();
    private boolean stopped;

    StopStringScanner(List<String> stops) {
        this.stops = List.copyOf(stops);
    }

    /** Adds decoded text and returns what may be emitted now (possibly empty). */
    String offer(String chunk) {
        if (stopped) {
            throw new IllegalStateException("a stop string already ended this text");
        }
        pending.append(chunk);
        int stopAt = firstStop();
        if (stopAt >= 0) {
            stopped = true;
            String safe = pending.substring(0, stopAt);
            pending.setLength(0);
            return safe;
        }
        int keep = longestSuffixStartingAStop();
        String safe = pending.substring(0, pending.length() - keep);
        pending.delete(0, pending.length() - keep);
        return safe;
    }

    /** True once a stop string was seen. */
    boolean stopped() {
        return stopped;
    }

    /** The held-back text, released at the end of generation when no stop string completed. */
    String flush() {
        String rest = pending.toString();
        pending.setLength(0);
        return rest;
    }

    private int firstStop() {
        int first = -1;
        for (String stop : stops) {
            int at = pending.indexOf(stop);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        return first;
    }

    private int longestSuffixStartingAStop() {
        int longest = 0;
        for (String stop : stops) {
            for (int length = Math.min(stop.length() - 1, pending.length()); length > longest; length--) {
                if (pending.length() >= length
                        && pending.substring(pending.length() - length).equals(stop.substring(0, length))) {
                    longest = length;
                    break;
                }
            }
        }
        return longest;
    }
}
