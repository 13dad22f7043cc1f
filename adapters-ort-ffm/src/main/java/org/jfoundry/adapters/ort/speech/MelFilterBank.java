package org.jfoundry.adapters.ort.speech;

/**
 * Whisper's mel filters, as librosa builds them with its defaults (the Slaney mel scale, linear below 1 kHz and
 * logarithmic above, and Slaney's area normalisation), computed here instead of shipped as a table.
 */
final class MelFilterBank {

    private static final double LINEAR_HZ_PER_MEL = 200.0 / 3;
    private static final double LOG_START_HZ = 1000.0;
    private static final double LOG_START_MEL = LOG_START_HZ / LINEAR_HZ_PER_MEL;
    private static final double LOG_STEP = Math.log(6.4) / 27.0;

    private MelFilterBank() {
    }

    /** Row-major {@code [melBins][nFft / 2 + 1]} weights from 0 Hz to the Nyquist frequency. */
    static float[][] filters(int sampleRate, int nFft, int melBins) {
        int bins = nFft / 2 + 1;
        double[] edges = new double[melBins + 2];
        double top = hzToMel(sampleRate / 2.0);
        for (int i = 0; i < edges.length; i++) {
            edges[i] = melToHz(top * i / (melBins + 1));
        }
        float[][] weights = new float[melBins][bins];
        for (int m = 0; m < melBins; m++) {
            double area = 2.0 / (edges[m + 2] - edges[m]);
            for (int k = 0; k < bins; k++) {
                double hz = (double) k * sampleRate / nFft;
                double rising = (hz - edges[m]) / (edges[m + 1] - edges[m]);
                double falling = (edges[m + 2] - hz) / (edges[m + 2] - edges[m + 1]);
                weights[m][k] = (float) (Math.max(0, Math.min(rising, falling)) * area);
            }
        }
        return weights;
    }

    static double hzToMel(double hz) {
        return hz < LOG_START_HZ ? hz / LINEAR_HZ_PER_MEL : LOG_START_MEL + Math.log(hz / LOG_START_HZ) / LOG_STEP;
    }

    static double melToHz(double mel) {
        return mel < LOG_START_MEL ? mel * LINEAR_HZ_PER_MEL : LOG_START_HZ * Math.exp(LOG_STEP * (mel - LOG_START_MEL));
    }
}
