package org.jfoundry.adapters.ort.speech;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the tokens decoded from one 30-second window into timed segments and says where the next window starts,
 * as Whisper's {@code transcribe} does: a segment runs between two timestamps; when the window ends inside speech
 * (the last timestamp is single) the next window starts at that timestamp, so speech cut by the window is heard again.
 */
final class WindowTokens {

    /** A timestamp token counts 20 ms: two mel frames. */
    static final int FRAMES_PER_TIMESTAMP = 2;

    /** One segment: timestamps in 20 ms steps from the window start, and its text tokens. */
    record Piece(int startStep, int endStep, List<Integer> textTokens) {
    }

    record Split(List<Piece> pieces, int framesConsumed) {
    }

    private WindowTokens() {
    }

    /**
     * @param tokens        decoded tokens without the prompt and without the end token
     * @param windowFrames  mel frames of real audio in this window (at most 3000)
     */
    static Split split(List<Integer> tokens, int timestampBegin, int windowFrames) {
        int n = tokens.size();
        boolean singleTimestampEnding = n >= 2 && tokens.get(n - 2) < timestampBegin
                && tokens.get(n - 1) >= timestampBegin;
        List<Integer> cuts = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            if (tokens.get(i - 1) >= timestampBegin && tokens.get(i) >= timestampBegin) {
                cuts.add(i);
            }
        }
        List<Piece> pieces = new ArrayList<>();
        if (cuts.isEmpty()) {
            int endStep = windowFrames / FRAMES_PER_TIMESTAMP;
            int lastTimestamp = -1;
            for (int token : tokens) {
                if (token >= timestampBegin) {
                    lastTimestamp = token - timestampBegin;
                }
            }
            if (lastTimestamp > 0) {
                endStep = lastTimestamp;
            }
            List<Integer> text = textOf(tokens, timestampBegin);
            if (!text.isEmpty()) {
                pieces.add(new Piece(0, endStep, text));
            }
            return new Split(pieces, windowFrames);
        }
        if (singleTimestampEnding) {
            cuts.add(n);
        }
        int from = 0;
        for (int cut : cuts) {
            List<Integer> slice = tokens.subList(from, cut);
            int start = slice.get(0) >= timestampBegin ? slice.get(0) - timestampBegin : 0;
            int end = slice.get(slice.size() - 1) - timestampBegin;
            List<Integer> text = textOf(slice, timestampBegin);
            if (!text.isEmpty()) {
                pieces.add(new Piece(start, Math.max(start, end), text));
            }
            from = cut;
        }
        if (singleTimestampEnding) {
            return new Split(pieces, windowFrames);
        }
        int lastStep = tokens.get(from - 1) - timestampBegin;
        // Resume where the last complete segment ended, but always move forward.
        return new Split(pieces, Math.max(1, Math.min(windowFrames, lastStep * FRAMES_PER_TIMESTAMP)));
    }

    private static List<Integer> textOf(List<Integer> tokens, int timestampBegin) {
        return tokens.stream().filter(t -> t < timestampBegin).toList();
    }
}
