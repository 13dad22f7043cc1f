package org.jfoundry.adapters.ort.speech;

/**
 * A log-mel spectrogram, row-major {@code [melBins][frames]}, one frame per 10 ms.
 *
 * @param values not copied; nobody changes it after construction
 */
record LogMel(float[] values, int melBins, int frames) {

    LogMel {
        if (values.length != melBins * frames) {
            throw new IllegalArgumentException(values.length + " values for " + melBins + " x " + frames);
        }
    }

    float at(int bin, int frame) {
        return values[bin * frames + frame];
    }

    /**
     * {@code length} frames from {@code start} in a row-major {@code [melBins][width]} window; the rest of the window
     * is 0, as Whisper pads a window after the audio's last frame (not with the spectrogram of silence).
     */
    float[] window(int start, int length, int width) {
        float[] out = new float[melBins * width];
        int available = Math.max(0, Math.min(Math.min(length, width), frames - start));
        for (int m = 0; m < melBins; m++) {
            System.arraycopy(values, m * frames + start, out, m * width, available);
        }
        return out;
    }
}
