package org.jfoundry.adapters.ort.speech;

import java.util.Objects;

/**
 * Decoded audio mixed down to one channel, samples in [-1, 1].
 *
 * @param samples    one float per sample; not copied, so callers must not change it afterwards
 * @param sampleRate samples per second
 */
record MonoAudio(float[] samples, int sampleRate) {

    MonoAudio {
        Objects.requireNonNull(samples, "samples");
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
    }

    double seconds() {
        return (double) samples.length / sampleRate;
    }

    /** This audio at {@code rate} samples per second (itself when it already is). */
    MonoAudio resampledTo(int rate) {
        return rate == sampleRate ? this : new MonoAudio(Resampler.resample(samples, sampleRate, rate), rate);
    }
}
