package org.jfoundry.adapters.ort.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LogMelSpectrogramTest {

    /** The same signal as {@code speech/log_mel_reference.py}. */
    private static float[] referenceSignal() {
        float[] x = new float[5600];
        for (int n = 0; n < 4000; n++) {
            x[n] = (float) (0.3 * Math.sin(2 * Math.PI * (200 + 0.4 * n) * n / 16000)
                    + 0.2 * Math.sin(2 * Math.PI * 3000 * n / 16000));
        }
        return x;
    }

    @Test
    void matchesTheIndependentPythonReferenceOnAFixedSignal() throws IOException {
        String[] lines;
        try (InputStream in = getClass().getResourceAsStream("/speech/log-mel-reference.txt")) {
            lines = new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip().split("\n");
        }
        String[] header = lines[0].split(" ");
        int bins = Integer.parseInt(header[0]);
        int frames = Integer.parseInt(header[1]);

        LogMel mel = new LogMelSpectrogram(bins).compute(referenceSignal());

        assertThat(mel.melBins()).isEqualTo(bins);
        assertThat(mel.frames()).isEqualTo(frames);
        double worst = 0;
        for (int m = 0; m < bins; m++) {
            double[] expected = Arrays.stream(lines[m + 1].split(" ")).mapToDouble(Double::parseDouble).toArray();
            for (int t = 0; t < frames; t++) {
                worst = Math.max(worst, Math.abs(mel.at(m, t) - expected[t]));
            }
        }
        assertThat(worst).as("largest difference from the reference").isLessThan(2e-4);
    }

    @Test
    void silenceAfterSoundSitsExactlyEightDecadesBelowThePeak() {
        LogMel mel = new LogMelSpectrogram(80).compute(referenceSignal());

        float max = Float.NEGATIVE_INFINITY;
        for (float v : mel.values()) {
            max = Math.max(max, v);
        }
        assertThat(mel.at(40, mel.frames() - 1)).isCloseTo(max - 2f, within(1e-6f)); // (x - 8 + 4) / 4
    }

    @Test
    void oneFramePerHopWithoutTheLastCentredFrame() {
        assertThat(new LogMelSpectrogram(80).compute(new float[16_000]).frames()).isEqualTo(100);
        assertThat(new LogMelSpectrogram(80).compute(new float[16_159]).frames()).isEqualTo(100);
    }

    @Test
    void aToneLightsTheMelBinOfItsFrequency() {
        float[] tone = new float[16_000];
        for (int n = 0; n < tone.length; n++) {
            tone[n] = (float) (0.5 * Math.sin(2 * Math.PI * 2000 * n / 16_000));
        }
        LogMel mel = new LogMelSpectrogram(80).compute(tone);

        int loudest = 0;
        for (int m = 0; m < 80; m++) {
            if (mel.at(m, 50) > mel.at(loudest, 50)) {
                loudest = m;
            }
        }
        double centre = MelFilterBank.melToHz(MelFilterBank.hzToMel(8000) * (loudest + 1) / 81);
        assertThat(centre).isBetween(1800.0, 2200.0);
    }

    @Test
    void aWindowPadsWithZerosPastTheEnd() {
        LogMel mel = new LogMel(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);

        assertThat(mel.window(1, 4, 4)).containsExactly(2, 3, 0, 0, 5, 6, 0, 0);
    }

    @Test
    void aWindowPadsWithZerosPastTheFramesAskedFor() {
        LogMel mel = new LogMel(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);

        assertThat(mel.window(0, 1, 3)).containsExactly(1, 0, 0, 4, 0, 0);
    }

    @Test
    void refusesAudioShorterThanHalfAWindow() {
        assertThatThrownBy(() -> new LogMelSpectrogram(80).compute(new float[200]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
