package org.jfoundry.ports.settings;

import java.util.Locale;
import org.jfoundry.ports.failure.InvalidRequestException;

/** Which text-generation engine serves a model: ONNX Runtime GenAI, the Java loop over ONNX Runtime, or GenAI when available. */
public enum EngineChoice {
    GENAI, ORT, AUTO;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EngineChoice parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new InvalidRequestException("engine must be genai, ort or auto, got '" + text + "'", "engine");
        }
    }
}
