package org.jfoundry.adapters.ort.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MelFilterBankTest {

    @Test
    void theFirstFilterIsWhispersFirstFilter() {
        float[][] filters = MelFilterBank.filters(16_000, 400, 80);

        assertThat(filters).hasNumberOfRows(80);
        assertThat(filters[0]).hasSize(201);
        // librosa.filters.mel(sr=16000, n_fft=400, n_mels=80)[0, :3], the values Whisper ships in mel_filters.npz
        assertThat(filters[0][0]).isZero();
        assertThat(filters[0][1]).isCloseTo(0.02486259f, within(1e-7f));
        assertThat(filters[0][2]).isZero();
    }

    @Test
    void theMelScaleIsLinearBelowOneKilohertzAndLogarithmicAbove() {
        assertThat(MelFilterBank.hzToMel(1000)).isCloseTo(15.0, within(1e-12));
        assertThat(MelFilterBank.hzToMel(500)).isCloseTo(7.5, within(1e-12));
        assertThat(MelFilterBank.hzToMel(6400) - MelFilterBank.hzToMel(1000)).isCloseTo(27.0, within(1e-9));
        assertThat(MelFilterBank.melToHz(MelFilterBank.hzToMel(4321))).isCloseTo(4321, within(1e-9));
    }

    @Test
    void everyFilterHasAreaNormalisedWeights() {
        float[][] filters = MelFilterBank.filters(16_000, 400, 80);

        for (float[] filter : filters) {
            float peak = 0;
            for (float w : filter) {
                assertThat(w).isGreaterThanOrEqualTo(0);
                peak = Math.max(peak, w);
            }
            assertThat(peak).isPositive();
        }
    }
}
