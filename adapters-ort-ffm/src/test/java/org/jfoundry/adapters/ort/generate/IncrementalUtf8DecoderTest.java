package org.jfoundry.adapters.ort.generate;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class IncrementalUtf8DecoderTest {

    private final IncrementalUtf8Decoder decoder = new IncrementalUtf8Decoder();

    @Test
    void aCharacterSplitAcrossTokensIsHeldUntilItIsWhole() {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);

        assertThat(decoder.append(new byte[]{'a', euro[0]})).isEqualTo("a");
        assertThat(decoder.append(new byte[]{euro[1]})).isEmpty();
        assertThat(decoder.append(new byte[]{euro[2], 'b'})).isEqualTo("€b");
    }

    @Test
    void aFourByteCharacterComesOutAsOneSurrogatePair() {
        byte[] emoji = "😀".getBytes(StandardCharsets.UTF_8);

        assertThat(decoder.append(new byte[]{emoji[0], emoji[1]})).isEmpty();
        assertThat(decoder.append(new byte[]{emoji[2], emoji[3]})).isEqualTo("😀");
    }

    @Test
    void bytesThatCanNeverBeACharacterBecomeAReplacementInsteadOfStallingTheStream() {
        assertThat(decoder.append(new byte[]{(byte) 0xFF, 'x'})).isEqualTo("\uFFFDx");
        assertThat(decoder.append(new byte[]{(byte) 0xE2, 'y'})).isEqualTo("\uFFFDy");
        assertThat(decoder.append(new byte[]{(byte) 0xF8})).isEqualTo("\uFFFD");
    }

    @Test
    void anUnfinishedCharacterAtTheEndIsFlushedAsAReplacement() {
        assertThat(decoder.append(new byte[]{'z', (byte) 0xE2, (byte) 0x82})).isEqualTo("z");

        assertThat(decoder.flush()).isEqualTo("\uFFFD");
        assertThat(decoder.flush()).isEmpty();
    }
}
