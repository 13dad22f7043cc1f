package org.jfoundry.adapters.ort.runtime;

import java.util.Arrays;
import java.util.Objects;

/**
 * A tensor's element type and shape. In a model's signature a dimension of {@code -1} is symbolic (batch, sequence).
 *
 * @param elementCode ONNX Runtime's element type code; {@link #elementType()} maps it when supported
 */
public record TensorInfo(int elementCode, long[] shape) {
    public TensorInfo {
        shape = shape.clone();
    }

    public static TensorInfo of(ElementType type, long... shape) {
        return new TensorInfo(type.code(), shape);
    }

    /** The supported element type; throws naming the type when this adapter cannot hold it. */
    public ElementType elementType() {
        return ElementType.fromCode(elementCode).orElseThrow(() -> new UnsupportedOperationException(
                "tensors of " + ElementType.describe(elementCode) + " are not supported"));
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** Product of the dimensions; -1 when any dimension is symbolic. */
    public long elementCount() {
        long count = 1;
        for (long dim : shape) {
            if (dim < 0) {
                return -1;
            }
            count = Math.multiplyExact(count, dim);
        }
        return count;
    }

    /**
     * True when a tensor of {@code given} type and shape can feed a declared input of this type and shape (symbolic
     * dimensions match anything). Reads the fields directly: it sits on the run path and must not allocate.
     */
    boolean accepts(TensorInfo given) {
        if (elementCode != given.elementCode || shape.length != given.shape.length) {
            return false;
        }
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] >= 0 && shape[i] != given.shape[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TensorInfo that && elementCode == that.elementCode && Arrays.equals(shape, that.shape);
    }

    @Override
    public int hashCode() {
        return Objects.hash(elementCode, Arrays.hashCode(shape));
    }

    @Override
    public String toString() {
        return ElementType.describe(elementCode) + Arrays.toString(shape);
    }
}
