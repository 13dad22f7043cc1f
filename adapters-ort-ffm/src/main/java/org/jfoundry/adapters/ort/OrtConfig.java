package org.jfoundry.adapters.ort;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.jfoundry.adapters.ort.runtime.LoggingLevel;
import org.jfoundry.ports.settings.FoundryHome;
import org.jfoundry.ports.settings.ServiceSettings;

/**
 * How {@link OnnxRuntime} starts.
 *
 * @param nativeDirectory where the bundled library is extracted ({@link FoundryHome#nativeDirectory()})
 * @param explicitLibrary a system or GPU build to load instead; null: {@code FOUNDRY_ORT_LIBRARY}, else bundled
 * @param environment     the process environment ({@code FOUNDRY_ORT_LIBRARY} is read from it)
 * @param intraOpThreads  default threads per session; 0: ONNX Runtime's default
 */
public record OrtConfig(Path nativeDirectory, Path explicitLibrary, Map<String, String> environment,
                        LoggingLevel loggingLevel, int intraOpThreads) {
    public OrtConfig {
        Objects.requireNonNull(nativeDirectory, "nativeDirectory");
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        loggingLevel = Objects.requireNonNullElse(loggingLevel, LoggingLevel.WARNING);
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("intraOpThreads must not be negative");
        }
    }

    public static OrtConfig from(FoundryHome home, ServiceSettings settings) {
        return new OrtConfig(home.nativeDirectory(), settings.ortLibraryPath(), System.getenv(), LoggingLevel.WARNING,
                settings.intraOpThreads());
    }
}
