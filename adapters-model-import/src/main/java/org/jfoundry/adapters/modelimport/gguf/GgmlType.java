package org.jfoundry.adapters.modelimport.gguf;

import java.util.Arrays;
import java.util.Optional;

/**
 * The tensor element types of ggml, with their GGUF ids. Block types store {@link #blockSize} values in
 * {@link #blockBytes} bytes. Types this module cannot dequantize are known by name only, for the error message.
 */
enum GgmlType {
    F32(0, 1, 4),
    F16(1, 1, 2),
    Q4_0(2, 32, 18),
    Q4_1(3, 32, 20),
    Q5_0(6, 32, 22, false),
    Q5_1(7, 32, 24, false),
    Q8_0(8, 32, 34),
    Q8_1(9, 32, 36, false),
    Q2_K(10, 256, 84, false),
    Q3_K(11, 256, 110, false),
    Q4_K(12, 256, 144),
    Q5_K(13, 256, 176, false),
    Q6_K(14, 256, 210),
    Q8_K(15, 256, 292, false),
    IQ2_XXS(16, 256, 66, false),
    IQ2_XS(17, 256, 74, false),
    IQ3_XXS(18, 256, 98, false),
    IQ1_S(19, 256, 50, false),
    IQ4_NL(20, 32, 18, false),
    IQ3_S(21, 256, 110, false),
    IQ2_S(22, 256, 82, false),
    IQ4_XS(23, 256, 136, false),
    I8(24, 1, 1, false),
    I16(25, 1, 2, false),
    I32(26, 1, 4, false),
    I64(27, 1, 8, false),
    F64(28, 1, 8, false),
    IQ1_M(29, 256, 56, false),
    BF16(30, 1, 2, false),
    TQ1_0(34, 256, 54, false),
    TQ2_0(35, 256, 66, false);

    final int id;
    final int blockSize;
    final int blockBytes;
    final boolean supported;

    GgmlType(int id, int blockSize, int blockBytes) {
        this(id, blockSize, blockBytes, true);
    }

    GgmlType(int id, int blockSize, int blockBytes, boolean supported) {
        this.id = id;
        this.blockSize = blockSize;
        this.blockBytes = blockBytes;
        this.supported = supported;
    }

    static Optional<GgmlType> byId(int id) {
        return Arrays.stream(values()).filter(type -> type.id == id).findFirst();
    }

    /** Bytes of {@code count} values; {@code count} must be a whole number of blocks. */
    long bytesFor(long count) {
        if (count % blockSize != 0) {
            throw new IllegalArgumentException(count + " values are not whole blocks of " + blockSize + " for " + this);
        }
        return count / blockSize * blockBytes;
    }
}
