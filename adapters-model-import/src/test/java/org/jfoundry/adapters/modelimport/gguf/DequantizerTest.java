package org.jfoundry.adapters.modelimport.gguf;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class DequantizerTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"F32", "F16", "Q4_0", "Q4_1", "Q8_0", "Q4_K", "Q6_K"})
    void everySupportedTypeDecodesToTheValuesItsBlocksStandFor(GgmlType type) throws Exception {
        // Odd shapes: three rows of an odd number of blocks, behind a tensor whose size breaks the alignment.
        int rowLength = type.blockSize == 1 ? 7 : 3 * type.blockSize;
        int rows = 3;
        SplittableRandom random = new SplittableRandom(type.id);
        QuantizedTensor spacer = QuantizedTensor.random(GgmlType.F16, 3, 1.0, random);
        QuantizedTensor tensor = QuantizedTensor.random(type, rowLength * rows, 2.0, random);
        Path file = new GgufWriter().alignment(64)
                .tensor("spacer", GgmlType.F16, spacer.bytes(), 3)
                .tensor("weight", type, tensor.bytes(), rowLength, rows)
                .write(dir.resolve(type + ".gguf"));

        try (GgufFile gguf = GgufFile.open(file)) {
            GgufTensor weight = gguf.requireTensor("weight");
            float[] values = Dequantizer.toFloats(weight, gguf.data(weight));

            assertThat(weight.rows()).isEqualTo(rows);
            assertThat(weight.rowLength()).isEqualTo(rowLength);
            assertThat(values).containsExactly(tensor.values());
            assertThat(Dequantizer.toFloats(gguf.requireTensor("spacer"), gguf.data(gguf.requireTensor("spacer"))))
                    .containsExactly(spacer.values());
        }
    }
}
