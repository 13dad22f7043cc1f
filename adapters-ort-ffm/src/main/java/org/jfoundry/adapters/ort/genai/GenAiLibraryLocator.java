package org.jfoundry.adapters.ort.genai;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jfoundry.ports.settings.FoundryHome;

/**
 * Where libonnxruntime-genai.so is: the path in settings, else {@code FOUNDRY_GENAI_LIBRARY}, else the foundry home's
 * {@code native/onnxruntime-genai-0.14.1/}. An explicit path that does not exist is an error, not a reason to look on.
 */
final class GenAiLibraryLocator {

    static final String ENVIRONMENT_VARIABLE = "FOUNDRY_GENAI_LIBRARY";
    static final String VERSION = "0.14.1";
    static final String FILE_NAME = "libonnxruntime-genai.so";

    /** Either a library file and where its path came from, or why there is none. */
    sealed interface Location {
        record Found(Path library, String source) implements Location {
        }

        record Missing(String reason) implements Location {
        }
    }

    private GenAiLibraryLocator() {
    }

    static Path homeLibrary(FoundryHome home) {
        return home.nativeDirectory().resolve("onnxruntime-genai-" + VERSION).resolve(FILE_NAME);
    }

    static Location locate(Path configured, Map<String, String> environment, FoundryHome home) {
        if (configured != null) {
            return existing(configured, "genaiLibraryPath in settings");
        }
        String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return existing(Path.of(fromEnvironment.trim()), ENVIRONMENT_VARIABLE);
        }
        Path inHome = homeLibrary(home);
        if (Files.isRegularFile(inHome)) {
            return new Location.Found(inHome, "the foundry home");
        }
        return new Location.Missing("ONNX Runtime GenAI " + VERSION + " is not installed: " + inHome
                + " does not exist. Run native-headers/fetch-genai.sh, or set " + ENVIRONMENT_VARIABLE
                + " or genaiLibraryPath to a " + FILE_NAME);
    }

    private static Location existing(Path library, String source) {
        Path absolute = library.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute)) {
            return new Location.Missing(source + " names " + absolute + ", which is not a file");
        }
        return new Location.Found(absolute, source);
    }
}
