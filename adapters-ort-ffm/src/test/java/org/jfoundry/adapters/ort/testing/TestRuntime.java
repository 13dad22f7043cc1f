package org.jfoundry.adapters.ort.testing;

import java.nio.file.Path;
import java.util.Map;
import org.jfoundry.adapters.ort.OnnxRuntime;
import org.jfoundry.adapters.ort.OrtConfig;
import org.jfoundry.adapters.ort.runtime.LoggingLevel;

/**
 * One {@link OnnxRuntime} for every test in the JVM, with the bundled library extracted under {@code target/}.
 * A JVM loads one ONNX Runtime; use this rather than starting another. Never closed: the JVM's exit frees it.
 */
public final class TestRuntime {
    /** Where the tests extract the bundled library; also what the official Java API is pointed at. */
    public static final Path NATIVE_DIRECTORY = Path.of("target", "test-foundry-home", "native").toAbsolutePath();

    private static OnnxRuntime runtime;

    private TestRuntime() {
    }

    public static synchronized OnnxRuntime get() {
        if (runtime == null) {
            runtime = OnnxRuntime.start(new OrtConfig(NATIVE_DIRECTORY, null, Map.of(), LoggingLevel.ERROR, 1));
        }
        return runtime;
    }
}
