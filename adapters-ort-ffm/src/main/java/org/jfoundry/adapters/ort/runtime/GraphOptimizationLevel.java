package org.jfoundry.adapters.ort.runtime;

/** ONNX Runtime's {@code GraphOptimizationLevel}. */
public enum GraphOptimizationLevel {
    DISABLE_ALL(0), BASIC(1), EXTENDED(2), ALL(99);

    private final int code;

    GraphOptimizationLevel(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }
}
