package org.jfoundry.adapters.modelimport.gguf;

import java.util.Arrays;

/**
 * One entry of a GGUF tensor table.
 *
 * @param dims   ggml order: {@code dims[0]} is the innermost (contiguous) dimension, so a PyTorch weight
 *               {@code [out, in]} appears as {@code [in, out]}
 * @param offset from the start of the file's tensor data section
 */
record GgufTensor(String name, long[] dims, GgmlType type, long offset) {

    long elements() {
        long count = 1;
        for (long dim : dims) {
            count *= dim;
        }
        return count;
    }

    long byteSize() {
        return type.bytesFor(elements());
    }

    /** Values per row (the innermost dimension). */
    int rowLength() {
        return (int) dims[0];
    }

    /** Number of rows: every dimension but the innermost. */
    int rows() {
        return (int) (elements() / dims[0]);
    }

    @Override
    public String toString() {
        return name + " " + type + " " + Arrays.toString(dims);
    }
}
