package org.jfoundry.adapters.ort.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.jfoundry.adapters.ort.speech.WavBytes.Encoding;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class WavDecoderTest {

    private static final float[][] STEREO = {{0.5f, -0.5f}, {0.25f, 0.75f}, {-1f, -1f}, {0.9f, 0.1f}};
    private static final float[] MIXED = {0f, 0.5f, -1f, 0.5f};

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void everyEncodingDecodesToTheAverageOfItsChannels(Encoding encoding) {
        MonoAudio audio = WavDecoder.decode(WavBytes.of(encoding, 22_050, STEREO, false));

        assertThat(audio.sampleRate()).isEqualTo(22_050);
        float tolerance = encoding == Encoding.PCM8 ? 1e-2f : 1e-4f;
        for (int i = 0; i < MIXED.length; i++) {
            assertThat(audio.samples()[i]).as("sample %d", i).isCloseTo(MIXED[i], within(tolerance));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Encoding.class, names = {"PCM24", "FLOAT32"})
    void extensibleFilesAreReadByTheirSubFormat(Encoding encoding) {
        MonoAudio audio = WavDecoder.decode(WavBytes.of(encoding, 48_000, STEREO, true));

        assertThat(audio.samples()).hasSize(4);
        assertThat(audio.samples()[1]).isCloseTo(0.5f, within(1e-4f));
    }

    @Test
    void negativeTwentyFourBitSamplesKeepTheirSign() {
        MonoAudio audio = WavDecoder.decode(WavBytes.of(Encoding.PCM24, 16_000, new float[][] {{-0.25f}}, false));

        assertThat(audio.samples()[0]).isCloseTo(-0.25f, within(1e-6f));
    }

    @Test
    void anEmptyFileIsRefusedAsEmpty() {
        assertThatThrownBy(() -> WavDecoder.decode(new byte[0]))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("empty")
                .extracting(e -> ((InvalidRequestException) e).param()).isEqualTo("file");
    }

    @Test
    void somethingElseIsRefusedAsAnUnsupportedFormat() {
        assertThatThrownBy(() -> WavDecoder.decode("ID3\u0003 not a wav at all".getBytes()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("unsupported audio format");
    }

    @Test
    void aWavWithoutSamplesIsRefused() {
        byte[] wav = WavBytes.of(Encoding.PCM16, 16_000, new float[][] {{0f}}, false);
        byte[] cut = Arrays.copyOf(wav, wav.length - 2); // the data chunk keeps its header, loses its one sample

        assertThatThrownBy(() -> WavDecoder.decode(cut))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("no samples");
    }

    @Test
    void aCompressedWavIsRefusedNamingItsFormatTag() {
        byte[] wav = WavBytes.of(Encoding.PCM16, 16_000, STEREO, false);
        int fmtBody = indexOf(wav, "fmt ") + 8;
        ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).putShort(fmtBody, (short) 0x55); // MPEG layer 3

        assertThatThrownBy(() -> WavDecoder.decode(wav))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("format tag 0x55");
    }

    @Test
    void aTruncatedHeaderIsRefusedNotCrashed() {
        byte[] wav = WavBytes.of(Encoding.PCM16, 16_000, STEREO, false);

        for (int length = 0; length < wav.length - 16; length++) {
            byte[] cut = Arrays.copyOf(wav, length);
            assertThatThrownBy(() -> WavDecoder.decode(cut)).isInstanceOf(InvalidRequestException.class);
        }
    }

    @Test
    void aStreamedWavWithUnknownDataSizeReadsToTheEnd() {
        byte[] wav = WavBytes.of(Encoding.PCM16, 16_000, STEREO, false);
        int dataSize = indexOf(wav, "data") + 4;
        ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).putInt(dataSize, -1);

        assertThat(WavDecoder.decode(wav).samples()).hasSize(4);
    }

    private static int indexOf(byte[] bytes, String ascii) {
        outer:
        for (int i = 0; i + 4 <= bytes.length; i++) {
            for (int j = 0; j < 4; j++) {
                if (bytes[i + j] != ascii.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError(ascii + " not found");
    }
}
