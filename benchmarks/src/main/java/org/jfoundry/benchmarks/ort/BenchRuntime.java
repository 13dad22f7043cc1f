package org.jfoundry.benchmarks.ort;

import java.nio.file.Path;
import java.util.Map;
import org.jfoundry.adapters.ort.OnnxRuntime;
import org.jfoundry.adapters.ort.OrtConfig;
import org.jfoundry.adapters.ort.runtime.LoggingLevel;

/**
 * The adapter's runtime for a benchmark JVM, and the switch that makes ONNX Runtime's official Java API load the very
 * same libonnxruntime.so, so both sides of a comparison run the same native code.
 */
final class BenchRuntime {
    private static OnnxRuntime runtime;

    private BenchRuntime() {
    }

    static synchronized OnnxRuntime get() {
        if (runtime == null) {
            Path nativeDirectory = Path.of(System.getProperty("bench.native", "target/bench-home/native"))
                    .toAbsolutePath();
            runtime = OnnxRuntime.start(new OrtConfig(nativeDirectory, null, Map.of(), LoggingLevel.ERROR, 1));
            System.setProperty("onnxruntime.native.onnxruntime.path", runtime.library().path().toString());
        }
        return runtime;
    }
}
