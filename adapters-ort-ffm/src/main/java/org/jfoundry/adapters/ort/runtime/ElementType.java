package org.jfoundry.adapters.ort.runtime;

import java.util.Optional;

/**
 * Tensor element types this adapter creates and reads, with ONNX Runtime's {@code ONNXTensorElementDataType} code.
 * Strings and complex numbers are not supported: a model input or output of those types is reported, not guessed.
 */
public enum ElementType {
    FLOAT(1, 4),
    UINT8(2, 1),
    INT8(3, 1),
    UINT16(4, 2),
    INT16(5, 2),
    INT32(6, 4),
    INT64(7, 8),
    BOOL(9, 1),
    FLOAT16(10, 2),
    DOUBLE(11, 8),
    UINT32(12, 4),
    UINT64(13, 8),
    BFLOAT16(16, 2);

    private final int code;
    private final int byteSize;

    ElementType(int code, int byteSize) {
        this.code = code;
        this.byteSize = byteSize;
    }

    /** The C enum value. */
    public int code() {
        return code;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    public static Optional<ElementType> fromCode(int code) {
        for (ElementType type : values()) {
            if (type.code == code) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** A readable name for any ONNX element code, supported or not (for error messages). */
    static String describe(int code) {
        return fromCode(code).map(Enum::name).orElseGet(() -> switch (code) {
            case 0 -> "UNDEFINED";
            case 8 -> "STRING";
            case 14 -> "COMPLEX64";
            case 15 -> "COMPLEX128";
            default -> "element type " + code;
        });
    }
}
