package org.jfoundry.adapters.ort.embeddings;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Turns token vectors into one sentence vector: mean over the tokens the attention mask keeps, then unit length. */
final class Pooling {
    private Pooling() {
    }

    /**
     * @param hidden float32 {@code [batch, tokens, width]}
     * @param mask   int64 {@code [batch, tokens]}, 1 for real tokens
     */
    static float[] meanPooled(MemorySegment hidden, MemorySegment mask, int row, int tokens, int width) {
        double[] sum = new double[width];
        long kept = 0;
        for (int t = 0; t < tokens; t++) {
            if (mask.getAtIndex(ValueLayout.JAVA_LONG, (long) row * tokens + t) == 0) {
                continue;
            }
            kept++;
            long base = ((long) row * tokens + t) * width;
            for (int d = 0; d < width; d++) {
                sum[d] += hidden.getAtIndex(ValueLayout.JAVA_FLOAT, base + d);
            }
        }
        float[] vector = new float[width];
        double divisor = Math.max(kept, 1);
        for (int d = 0; d < width; d++) {
            vector[d] = (float) (sum[d] / divisor);
        }
        return normalized(vector);
    }

    /** Copies row {@code row} of an already pooled float32 {@code [batch, width]} output and normalises it. */
    static float[] row(MemorySegment pooled, int row, int width) {
        float[] vector = new float[width];
        MemorySegment.copy(pooled, ValueLayout.JAVA_FLOAT, (long) row * width * Float.BYTES, vector, 0, width);
        return normalized(vector);
    }

    static float[] normalized(float[] vector) {
        double norm = 0;
        for (float v : vector) {
            norm += (double) v * v;
        }
        norm = Math.sqrt(norm);
        if (norm > 1e-12) {
            for (int i = 0; i < vector.length; i++) {
                vector[i] = (float) (vector[i] / norm);
            }
        }
        return vector;
    }
}
