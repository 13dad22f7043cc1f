package org.jfoundry.adapters.modelimport.gguf;

import org.jfoundry.ports.failure.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GgufFileTest {

    @TempDir
    Path dir;

    @Test
    void readsEveryMetadataValueType() throws Exception {
        Path file = new GgufWriter()
                .put("u8", new GgufWriter.Typed(0, 200)).put("i8", new GgufWriter.Typed(1, -5))
                .put("u16", new GgufWriter.Typed(2, 60_000)).put("i16", new GgufWriter.Typed(3, -300))
                .put("u32", new GgufWriter.Typed(4, 4_000_000_000L)).put("i32", -7)
                .put("f32", 1.5f).put("bool", true).put("string", "héllo")
                .put("u64", new GgufWriter.Typed(10, 1L << 40)).put("i64", -(1L << 40)).put("f64", 0.25)
                .put("strings", List.of("a", "b c")).put("ints", List.of(1, 2, 3))
                .write(dir.resolve("meta.gguf"));

        try (GgufFile gguf = GgufFile.open(file)) {
            assertThat(gguf.version()).isEqualTo(3);
            assertThat(gguf.metadata()).containsEntry("u8", 200L).containsEntry("i8", -5L)
                    .containsEntry("u16", 60_000L).containsEntry("i16", -300L).containsEntry("u32", 4_000_000_000L)
                    .containsEntry("i32", -7L).containsEntry("f32", 1.5f).containsEntry("bool", true)
                    .containsEntry("string", "héllo").containsEntry("u64", 1L << 40)
                    .containsEntry("i64", -(1L << 40)).containsEntry("f64", 0.25)
                    .containsEntry("strings", List.of("a", "b c")).containsEntry("ints", List.of(1L, 2L, 3L));
        }
    }

    @Test
    void readsTheTensorTableInGgmlDimensionOrder() throws Exception {
        QuantizedTensor weights = QuantizedTensor.random(GgmlType.Q8_0, 64 * 3, 1.0, new java.util.SplittableRandom(1));
        Path file = new GgufWriter().alignment(128)
                .tensor("a", GgmlType.F32, new byte[4 * 5], 5)
                .tensor("b", GgmlType.Q8_0, weights.bytes(), 64, 3)
                .write(dir.resolve("table.gguf"));

        try (GgufFile gguf = GgufFile.open(file)) {
            GgufTensor b = gguf.requireTensor("b");
            assertThat(gguf.tensors().keySet()).containsExactly("a", "b");
            assertThat(b.dims()).containsExactly(64, 3);
            assertThat(b.type()).isEqualTo(GgmlType.Q8_0);
            assertThat(b.offset() % 128).isZero();
            assertThat(b.byteSize()).isEqualTo(3 * 2 * 34);
        }
    }

    @Test
    void refusesAFileWithoutTheMagic() throws Exception {
        Path file = Files.write(dir.resolve("not.gguf"), "definitely not a model file".getBytes());

        assertThat(GgufFile.hasMagic(file)).isFalse();
        assertThatThrownBy(() -> GgufFile.open(file)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("not a GGUF file");
    }

    @Test
    void refusesATruncatedFileNamingTheTensor() throws Exception {
        Path file = new GgufWriter().tensor("big", GgmlType.F32, new byte[4 * 1024], 1024).write(dir.resolve("t.gguf"));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 100));

        assertThatThrownBy(() -> GgufFile.open(file)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("big").hasMessageContaining("truncated");
    }

    @Test
    void refusesAHeaderCutShort() throws Exception {
        Path file = new GgufWriter().put("general.name", "x".repeat(100)).write(dir.resolve("h.gguf"));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, 60));

        assertThatThrownBy(() -> GgufFile.open(file)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("ends inside its header");
    }
}
