package org.jfoundry.adapters.ort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.jfoundry.adapters.ort.runtime.LoggingLevel;
import org.jfoundry.adapters.ort.runtime.Session;
import org.jfoundry.adapters.ort.runtime.SessionOptions;
import org.jfoundry.adapters.ort.testing.TestGraphs;
import org.jfoundry.adapters.ort.testing.TestRuntime;
import org.jfoundry.ports.failure.EngineFailureException;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.model.HardwareInfo;
import org.jfoundry.ports.settings.FoundryHome;
import org.jfoundry.ports.settings.ServiceSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxRuntimeTest {
    @Test
    void theHardwareProbeReportsTheCpuProviderAndTheLibrary() {
        HardwareInfo info = TestRuntime.get().hardwareProbe().probe();
        assertThat(info.has(ExecutionProvider.CPU)).isTrue();
        assertThat(info.has(ExecutionProvider.CUDA)).isFalse();
        assertThat(info.deviceDescriptions()).anyMatch(d -> d.startsWith("CPU: "))
                .anyMatch(d -> d.contains("ONNX Runtime 1.26.0"));
    }

    @Test
    void theRuntimeSaysWhereItsLibraryCameFrom() {
        assertThat(TestRuntime.get().librarySource()).startsWith("bundled onnxruntime 1.26.0");
        assertThat(TestRuntime.get().library().path().toString())
                .endsWith("native/onnxruntime-1.26.0/libonnxruntime.so");
    }

    @Test
    void closingTheRuntimeClosesTheSessionsItOpenedAndIsIdempotent(@TempDir Path home) {
        TestRuntime.get();
        // A second runtime on an identical extraction shares the loaded library but owns its environment handle.
        OnnxRuntime second = OnnxRuntime.start(new OrtConfig(home.resolve("native"), null, Map.of(), LoggingLevel.ERROR,
                1));
        Session session;
        try (SessionOptions options = second.environment().newSessionOptions()) {
            session = second.environment().openSession(TestGraphs.addOnes(1), options);
        }
        second.close();
        second.close();
        assertThat(session.isClosed()).isTrue();
        assertThatThrownBy(() -> second.environment().newSessionOptions()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("environment is already closed");
    }

    @Test
    void anExplicitLibraryThatDoesNotExistFailsTheStartNamingTheSetting(@TempDir Path home) {
        ServiceSettings settings = ServiceSettings.defaults(home);
        ServiceSettings withLibrary = new ServiceSettings(settings.host(), settings.port(), settings.cacheDirectory(),
                settings.defaultTtl(), null, 4, settings.memoryBudgetBytes(), 4, 32, 1 << 20, null, null,
                home.resolve("missing/libonnxruntime.so"), null, null, null, null, null, 0);
        assertThatThrownBy(() -> OnnxRuntime.start(new FoundryHome(home), withLibrary))
                .isInstanceOf(EngineFailureException.class)
                .hasMessageContaining("ortLibraryPath").hasMessageContaining("missing/libonnxruntime.so");
    }
}
