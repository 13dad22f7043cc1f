package org.jfoundry.adapters.modelimport.whisper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CTranslate2ModelTest {

    @TempDir
    Path dir;

    private Path sample() throws Exception {
        return new CTranslate2Writer("WhisperSpec")
                .float16("decoder/embeddings/weight", new float[] {1, -2, 0.5f, 65504}, 2, 2)
                .float32("encoder/conv1/bias", new float[] {0.1f, 0.2f, 0.3f}, 3)
                .int16Scalar("encoder/num_heads", 6)
                .int8Scalar("decoder/pre_norm", 1)
                .alias("decoder/projection/weight", "decoder/embeddings/weight")
                .writeTo(dir.resolve("model.bin"));
    }

    @Test
    void readsTheSpecNameShapesAndValuesOfEveryType() throws Exception {
        try (CTranslate2Model model = CTranslate2Model.open(sample())) {
            assertThat(model.specName()).isEqualTo("WhisperSpec");
            assertThat(model.revision()).isEqualTo(3);
            assertThat(model.shape("decoder/embeddings/weight")).containsExactly(2, 2);
            assertThat(model.floats("decoder/embeddings/weight")).containsExactly(1, -2, 0.5f, 65504);
            assertThat(model.floats("encoder/conv1/bias")).containsExactly(0.1f, 0.2f, 0.3f);
            assertThat(model.scalar("encoder/num_heads")).isEqualTo(6);
            assertThat(model.scalar("decoder/pre_norm")).isEqualTo(1);
        }
    }

    @Test
    void anAliasReadsTheVariableItNames() throws Exception {
        try (CTranslate2Model model = CTranslate2Model.open(sample())) {
            assertThat(model.floats("decoder/projection/weight")).containsExactly(1, -2, 0.5f, 65504);
        }
    }

    @Test
    void aMissingVariableIsNamed() throws Exception {
        try (CTranslate2Model model = CTranslate2Model.open(sample())) {
            assertThatThrownBy(() -> model.floats("encoder/conv9/weight"))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("encoder/conv9/weight");
        }
    }

    @Test
    void everyTruncationIsRefusedWithoutReadingPastTheEnd() throws Exception {
        byte[] whole = Files.readAllBytes(sample());
        for (int length = 0; length < whole.length; length++) {
            Path cut = Files.write(dir.resolve("cut.bin"), Arrays.copyOf(whole, length));
            assertThatThrownBy(() -> CTranslate2Model.open(cut).close())
                    .as("cut at %d", length).isInstanceOf(InvalidRequestException.class);
        }
    }

    @Test
    void anotherBinaryVersionIsRefusedNamingBoth() throws Exception {
        byte[] bytes = Files.readAllBytes(sample());
        bytes[0] = 5;
        Path old = Files.write(dir.resolve("old.bin"), bytes);

        assertThatThrownBy(() -> CTranslate2Model.open(old))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("version 5").hasMessageContaining("6");
    }
}
