package org.jfoundry.adapters.ort.runtime;

/** ONNX Runtime's {@code OrtLoggingLevel}; {@code ordinal()} is the C value. */
public enum LoggingLevel {
    VERBOSE, INFO, WARNING, ERROR, FATAL
}
