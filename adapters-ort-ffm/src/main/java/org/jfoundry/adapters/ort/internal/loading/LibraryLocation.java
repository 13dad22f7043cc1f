package org.jfoundry.adapters.ort.internal.loading;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Decides which {@code libonnxruntime.so} to load: an explicit path from the settings, else {@code
 * FOUNDRY_ORT_LIBRARY}, else the one bundled in the ONNX Runtime jar, extracted into the foundry home.
 */
public final class LibraryLocation {
    public static final String ENVIRONMENT_VARIABLE = "FOUNDRY_ORT_LIBRARY";

    private LibraryLocation() {
    }

    /** What was chosen and why, for start-up messages. */
    public record Choice(Path library, String source) {
    }

    public static Choice choose(Path explicitLibrary, Map<String, String> environment, Path nativeDirectory,
                                BundledLibrary bundled) {
        if (explicitLibrary != null) {
            return new Choice(requireFile(explicitLibrary, "ortLibraryPath"), "settings ortLibraryPath");
        }
        String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return new Choice(requireFile(Path.of(fromEnvironment.trim()), ENVIRONMENT_VARIABLE), ENVIRONMENT_VARIABLE);
        }
        BundledLibrary.Extraction extraction = bundled.extractInto(nativeDirectory);
        return new Choice(extraction.library(), "bundled onnxruntime " + extraction.version()
                + (extraction.reused() ? " (reused)" : " (extracted)"));
    }

    private static Path requireFile(Path path, String origin) {
        Path absolute = path.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute)) {
            throw new IllegalStateException(origin + " names " + absolute + ", which is not a file");
        }
        return absolute;
    }
}
