package org.jfoundry.ports.out;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One conversion: the source file (or folder), the folder to create, and the precision of the written weights.
 *
 * @param target a folder that does not exist yet; its parent must exist
 */
public record ConversionRequest(Path source, Path target, WeightPrecision precision) {

    public ConversionRequest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(precision, "precision");
        if (Files.exists(target)) {
            throw new IllegalArgumentException("conversion target already exists: " + target);
        }
    }

    /** How weights are stored in the written model. */
    public enum WeightPrecision {
        /** 4-bit blocks of 32 (ONNX Runtime's MatMulNBits); the default, small and fast. */
        INT4,
        /** float32, dequantized exactly as the source format defines it; for verification. */
        FP32
    }
}
