package org.jfoundry.ports.settings;

import java.nio.file.Path;
import java.util.Map;

/** The folder for settings, cache, logs and pid files: {@code $FOUNDRY_HOME}, else {@code ~/.foundry}. */
public record FoundryHome(Path root) {
    public static final String ENVIRONMENT_VARIABLE = "FOUNDRY_HOME";

    public static FoundryHome fromEnvironment() {
        return from(System.getenv(), System.getProperty("user.home"));
    }

    static FoundryHome from(Map<String, String> environment, String userHome) {
        String explicit = environment.get(ENVIRONMENT_VARIABLE);
        if (explicit != null && !explicit.isBlank()) {
            return new FoundryHome(Path.of(explicit).toAbsolutePath().normalize());
        }
        return new FoundryHome(Path.of(userHome, ".foundry"));
    }

    public Path settingsFile() {
        return root.resolve("settings.json");
    }

    public Path logsDirectory() {
        return root.resolve("logs");
    }

    public Path serviceLog() {
        return logsDirectory().resolve("service.log");
    }

    public Path pidFile() {
        return root.resolve("service.pid");
    }

    /** Versioned native libraries: {@code <home>/native/onnxruntime-1.26.0/...}. */
    public Path nativeDirectory() {
        return root.resolve("native");
    }
}
