package org.jfoundry.adapters.ort.runtime;

/** The one exception a failed ONNX Runtime call becomes: ONNX Runtime's error code and message, plus the call. */
public final class OrtException extends RuntimeException {
    private final OrtErrorCode code;
    private final String ortMessage;

    OrtException(String call, OrtErrorCode code, String ortMessage) {
        super(call + " failed: [" + code + "] " + ortMessage);
        this.code = code;
        this.ortMessage = ortMessage;
    }

    public OrtErrorCode code() {
        return code;
    }

    /** The message exactly as ONNX Runtime wrote it. */
    public String ortMessage() {
        return ortMessage;
    }

    /** True when the run stopped because its {@link RunOptions#terminate()} flag was set. */
    public boolean isTerminated() {
        return ortMessage != null && ortMessage.contains("terminate flag");
    }
}
