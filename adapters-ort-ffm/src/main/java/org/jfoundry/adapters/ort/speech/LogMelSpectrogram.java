package org.jfoundry.adapters.ort.speech;

/**
 * Whisper's log-mel spectrogram of 16 kHz audio, computed the way Whisper's {@code log_mel_spectrogram} does: a
 * short-time Fourier transform with a periodic Hann window of {@value #N_FFT} samples every {@value #HOP} samples,
 * centred (the signal reflected by half a window at both ends) and without its last frame, power spectra through the
 * mel filters, {@code log10} clamped at 1e-10, values more than 8 below the maximum raised to it, then
 * {@code (x + 4) / 4}.
 */
final class LogMelSpectrogram {

    static final int SAMPLE_RATE = 16_000;
    static final int N_FFT = 400;
    static final int HOP = 160;
    private static final int BINS = N_FFT / 2 + 1;
    private static final float[] HANN = periodicHann();
    /** {@code cos(2πjk/N)} and {@code sin(2πjk/N)} laid out [j][k], so one frame is a sum of rows (vectorisable). */
    private static final float[] COS = new float[N_FFT * BINS];
    private static final float[] SIN = new float[N_FFT * BINS];

    static {
        for (int j = 0; j < N_FFT; j++) {
            for (int k = 0; k < BINS; k++) {
                double angle = 2 * Math.PI * ((j * k) % N_FFT) / N_FFT;
                COS[j * BINS + k] = (float) Math.cos(angle);
                SIN[j * BINS + k] = (float) Math.sin(angle);
            }
        }
    }

    private final int melBins;
    private final float[][] filters;
    private final int[] firstBin;
    private final int[] endBin;

    LogMelSpectrogram(int melBins) {
        this.melBins = melBins;
        this.filters = MelFilterBank.filters(SAMPLE_RATE, N_FFT, melBins);
        this.firstBin = new int[melBins];
        this.endBin = new int[melBins];
        for (int m = 0; m < melBins; m++) { // each filter is a triangle: visit only its non-zero bins
            int first = 0;
            while (first < BINS && filters[m][first] == 0) {
                first++;
            }
            int end = BINS;
            while (end > first && filters[m][end - 1] == 0) {
                end--;
            }
            firstBin[m] = first;
            endBin[m] = end;
        }
    }

    /** The spectrogram of {@code samples} (16 kHz, more than {@value #N_FFT} / 2 of them): one column per hop. */
    LogMel compute(float[] samples) {
        int n = samples.length;
        if (n <= N_FFT / 2) {
            throw new IllegalArgumentException("need more than " + N_FFT / 2 + " samples, got " + n);
        }
        int frames = n / HOP; // 1 + n / HOP centred frames, minus the last as Whisper drops it
        float[] mel = new float[melBins * frames];
        float[] frame = new float[N_FFT];
        float[] re = new float[BINS];
        float[] im = new float[BINS];
        float[] power = new float[BINS];
        for (int t = 0; t < frames; t++) {
            boolean silent = true;
            for (int j = 0; j < N_FFT; j++) {
                frame[j] = reflected(samples, t * HOP + j - N_FFT / 2) * HANN[j];
                silent &= frame[j] == 0;
            }
            if (silent) { // Whisper pads with 30 s of zeros: their power is zero, skip the transform
                java.util.Arrays.fill(power, 0);
            } else {
                powerSpectrum(frame, re, im, power);
            }
            for (int m = 0; m < melBins; m++) {
                float sum = 0;
                float[] weights = filters[m];
                for (int k = firstBin[m]; k < endBin[m]; k++) {
                    sum += weights[k] * power[k];
                }
                mel[m * frames + t] = sum;
            }
        }
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < mel.length; i++) {
            mel[i] = (float) Math.log10(Math.max(mel[i], 1e-10f));
            max = Math.max(max, mel[i]);
        }
        float floor = max - 8f;
        for (int i = 0; i < mel.length; i++) {
            mel[i] = (Math.max(mel[i], floor) + 4f) / 4f;
        }
        return new LogMel(mel, melBins, frames);
    }

    private static void powerSpectrum(float[] frame, float[] re, float[] im, float[] power) {
        java.util.Arrays.fill(re, 0);
        java.util.Arrays.fill(im, 0);
        for (int j = 0; j < N_FFT; j++) {
            float x = frame[j];
            if (x == 0) {
                continue;
            }
            int row = j * BINS;
            for (int k = 0; k < BINS; k++) {
                re[k] += x * COS[row + k];
                im[k] += x * SIN[row + k];
            }
        }
        for (int k = 0; k < BINS; k++) {
            power[k] = re[k] * re[k] + im[k] * im[k];
        }
    }

    /** The sample at {@code index}, reflected about the first and last sample when outside (numpy's "reflect"). */
    private static float reflected(float[] samples, int index) {
        int last = samples.length - 1;
        if (index < 0) {
            return samples[-index];
        }
        return index > last ? samples[2 * last - index] : samples[index];
    }

    private static float[] periodicHann() {
        float[] window = new float[N_FFT];
        for (int j = 0; j < N_FFT; j++) {
            window[j] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * j / N_FFT));
        }
        return window;
    }
}
