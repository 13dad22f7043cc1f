package org.jfoundry.adapters.ort.speech;

/**
 * Band-limited resampling by windowed sinc interpolation: each output sample is the input convolved with a low-pass
 * sinc (cut off a little below the lower of the two Nyquist frequencies, so downsampling does not alias) under a
 * Blackman window of {@value #ZERO_CROSSINGS} zero crossings on each side. The kernel is tabulated once and read with
 * linear interpolation, so no sine is computed per tap.
 */
final class Resampler {

    static final int ZERO_CROSSINGS = 16;
    /** Keeps the cut-off below Nyquist, where the window's transition band sits. */
    private static final double ROLL_OFF = 0.945;
    private static final int TABLE_STEPS_PER_CROSSING = 512;
    private static final float[] KERNEL = tabulateKernel();

    private Resampler() {
    }

    static float[] resample(float[] input, int fromRate, int toRate) {
        if (fromRate <= 0 || toRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive: " + fromRate + " -> " + toRate);
        }
        if (fromRate == toRate) {
            return input.clone();
        }
        double step = (double) fromRate / toRate; // input samples per output sample
        double cutoff = Math.min(1.0, 1.0 / step) * ROLL_OFF; // relative to the input's Nyquist frequency
        double halfWidth = ZERO_CROSSINGS / cutoff; // in input samples
        int outputLength = (int) Math.ceil(input.length / step);
        float[] output = new float[outputLength];
        for (int i = 0; i < outputLength; i++) {
            double center = i * step;
            int first = Math.max(0, (int) Math.ceil(center - halfWidth));
            int last = Math.min(input.length - 1, (int) Math.floor(center + halfWidth));
            double sum = 0;
            for (int j = first; j <= last; j++) {
                sum += input[j] * kernel(Math.abs(j - center) * cutoff);
            }
            output[i] = (float) (sum * cutoff);
        }
        return output;
    }

    /** The windowed sinc at {@code crossings} zero crossings from its centre. */
    private static double kernel(double crossings) {
        double position = crossings * TABLE_STEPS_PER_CROSSING;
        int index = (int) position;
        if (index >= KERNEL.length - 1) {
            return 0;
        }
        double fraction = position - index;
        return KERNEL[index] + fraction * (KERNEL[index + 1] - KERNEL[index]);
    }

    private static float[] tabulateKernel() {
        float[] table = new float[ZERO_CROSSINGS * TABLE_STEPS_PER_CROSSING + 1];
        for (int i = 0; i < table.length; i++) {
            double x = (double) i / TABLE_STEPS_PER_CROSSING;
            table[i] = (float) (sinc(x) * blackman(x / ZERO_CROSSINGS));
        }
        return table;
    }

    private static double sinc(double x) {
        if (x == 0) {
            return 1.0;
        }
        double px = Math.PI * x;
        return Math.sin(px) / px;
    }

    /** The Blackman window at {@code x} in [0, 1] from its centre to its edge. */
    private static double blackman(double x) {
        double phase = Math.PI * (x + 1); // the full window spans 0..2π; its centre is at π
        return 0.42 - 0.5 * Math.cos(phase) + 0.08 * Math.cos(2 * phase);
    }
}
