package org.jfoundry.adapters.ort.runtime;

import java.util.Objects;

/**
 * One input or output of a session.
 *
 * @param onnxType ONNX Runtime's {@code ONNXType}: 1 is a tensor; sequences, maps and optionals have no tensor info
 * @param tensor   null unless {@link #isTensor()}
 */
public record NodeInfo(String name, int onnxType, TensorInfo tensor) {
    public NodeInfo {
        Objects.requireNonNull(name, "name");
    }

    public boolean isTensor() {
        return tensor != null;
    }

    @Override
    public String toString() {
        return name + ": " + (tensor != null ? tensor : "non-tensor (ONNXType " + onnxType + ")");
    }
}
