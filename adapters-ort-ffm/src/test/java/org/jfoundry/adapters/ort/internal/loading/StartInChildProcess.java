package org.jfoundry.adapters.ort.internal.loading;

import java.nio.file.Path;
import java.util.Map;
import org.jfoundry.adapters.ort.OnnxRuntime;
import org.jfoundry.adapters.ort.OrtConfig;
import org.jfoundry.ports.failure.EngineFailureException;

/** Run by {@link LibraryLoadingTest} in a JVM started without native access: prints why the start failed. */
public final class StartInChildProcess {
    private StartInChildProcess() {
    }

    public static void main(String[] args) {
        try (OnnxRuntime ignored = OnnxRuntime.start(new OrtConfig(Path.of(args[0]), null, Map.of(), null, 0))) {
            System.out.println("started");
        } catch (EngineFailureException e) {
            System.out.println(e.getMessage());
            System.exit(3);
        }
    }
}
