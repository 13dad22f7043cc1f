package org.jfoundry.adapters.ort.runtime;

/** ONNX Runtime's {@code OrtErrorCode}, in declaration order so that {@code ordinal()} is the C value. */
public enum OrtErrorCode {
    OK, FAIL, INVALID_ARGUMENT, NO_SUCHFILE, NO_MODEL, ENGINE_ERROR, RUNTIME_EXCEPTION, INVALID_PROTOBUF, MODEL_LOADED,
    NOT_IMPLEMENTED, INVALID_GRAPH, EP_FAIL, MODEL_LOAD_CANCELED, MODEL_REQUIRES_COMPILATION, NOT_FOUND, UNKNOWN;

    static OrtErrorCode of(int code) {
        OrtErrorCode[] all = values();
        return code >= 0 && code < all.length - 1 ? all[code] : UNKNOWN;
    }
}
