package org.jfoundry.adapters.ort.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.jfoundry.adapters.ort.testing.TestGraphs;
import org.jfoundry.adapters.ort.testing.TestRuntime;
import org.jfoundry.ports.failure.ProviderUnavailableException;
import org.jfoundry.ports.model.ExecutionProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ExecutionProviderTest {
    private final OrtEnvironment env = TestRuntime.get().environment();

    @Test
    void theCpuBuildListsTheCpuProvider() {
        assertThat(env.availableProviders()).contains("CPUExecutionProvider");
    }

    @Test
    void askingForCudaOnTheCpuBuildFailsListingWhatIsAvailable() {
        try (SessionOptions options = env.newSessionOptions()) {
            assertThatThrownBy(() -> options.executionProvider(ExecutionProvider.CUDA, Map.of("device_id", "0")))
                    .isInstanceOf(ProviderUnavailableException.class)
                    .hasMessageContaining("'cuda'")
                    .hasMessageContaining("CPUExecutionProvider");
        }
    }

    @ParameterizedTest
    @EnumSource(value = ExecutionProvider.class, mode = EnumSource.Mode.EXCLUDE, names = "CPU")
    void everyProviderThisBuildLacksIsRefusedWithTheAvailableList(ExecutionProvider provider) {
        org.junit.jupiter.api.Assumptions.assumeFalse(env.availableProviders().contains(provider.ortName()));
        try (SessionOptions options = env.newSessionOptions()) {
            assertThatThrownBy(() -> options.executionProvider(provider, Map.of()))
                    .isInstanceOf(ProviderUnavailableException.class)
                    .hasMessageContaining(provider.shortName())
                    .hasMessageContaining(env.availableProviders().toString());
        }
    }

    @Test
    void theCpuProviderNeedsNothingAppendedAndTheSessionRuns() {
        try (SessionOptions options = env.newSessionOptions().executionProvider(ExecutionProvider.CPU, Map.of());
             Session session = env.openSession(TestGraphs.addOnes(1), options);
             Value x = env.tensor(new float[] {1}, 1);
             RunOutputs out = session.run(null, Map.of("x", x))) {
            assertThat(out.get(0).toFloatArray()).containsExactly(2f);
        }
    }

    @Test
    void theGenericAppendUsesTheNamesOnnxRuntimeAccepts() {
        assertThat(ProviderAppender.genericName(ExecutionProvider.OPENVINO)).isEqualTo("OpenVINO");
        assertThat(ProviderAppender.genericName(ExecutionProvider.DML)).isEqualTo("DML");
        assertThat(ProviderAppender.genericName(ExecutionProvider.QNN)).isEqualTo("QNN");
        assertThat(ProviderAppender.genericName(ExecutionProvider.WEBGPU)).isEqualTo("WebGPU");
        assertThat(ProviderAppender.genericName(ExecutionProvider.COREML)).isEqualTo("CoreML");
        assertThatThrownBy(() -> ProviderAppender.genericName(ExecutionProvider.CUDA))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theGenericAppendOfAProviderMissingFromTheBuildFailsThroughTheStatusGate() {
        // Bypasses the availability check to show ONNX Runtime's own error comes back as an OrtException.
        try (SessionOptions options = env.newSessionOptions()) {
            options.enter();
            try {
                assertThatThrownBy(() -> ProviderAppender.append(options.handle(), ExecutionProvider.OPENVINO, Map.of(),
                        java.util.List.of("OpenVINOExecutionProvider")))
                        .isInstanceOf(OrtException.class)
                        .hasMessageContaining("OpenVINO");
            } finally {
                options.exit();
            }
        }
    }
}
