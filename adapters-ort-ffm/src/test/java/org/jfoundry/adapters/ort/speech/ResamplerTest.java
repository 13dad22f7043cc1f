package org.jfoundry.adapters.ort.speech;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ResamplerTest {

    private static float[] tone(double hz, int rate, int length) {
        float[] x = new float[length];
        for (int n = 0; n < length; n++) {
            x[n] = (float) (0.5 * Math.sin(2 * Math.PI * hz * n / rate));
        }
        return x;
    }

    @ParameterizedTest
    @ValueSource(ints = {8_000, 22_050, 44_100, 48_000})
    void aToneInTheBandComesOutAsTheSameToneAtSixteenKilohertz(int rate) {
        float[] out = Resampler.resample(tone(1000, rate, rate), rate, 16_000);
        float[] expected = tone(1000, 16_000, 16_000);

        assertThat(out.length).isBetween(15_999, 16_001);
        double worst = 0;
        for (int n = 1000; n < 15_000; n++) { // away from the edges, where the kernel runs out of input
            worst = Math.max(worst, Math.abs(out[n] - expected[n]));
        }
        assertThat(worst).isLessThan(2e-3);
    }

    @Test
    void aToneAboveTheNewNyquistFrequencyIsFilteredOutNotFoldedDown() {
        float[] out = Resampler.resample(tone(11_000, 48_000, 48_000), 48_000, 16_000);

        double peak = 0;
        for (int n = 1000; n < 15_000; n++) {
            peak = Math.max(peak, Math.abs(out[n]));
        }
        assertThat(peak).as("an 11 kHz tone would alias to 5 kHz").isLessThan(0.01);
    }

    @Test
    void theSameRateIsACopy() {
        float[] in = {1, 2, 3};

        assertThat(Resampler.resample(in, 16_000, 16_000)).containsExactly(1, 2, 3).isNotSameAs(in);
    }
}
