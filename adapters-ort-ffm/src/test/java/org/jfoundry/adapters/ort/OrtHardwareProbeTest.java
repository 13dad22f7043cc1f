package org.jfoundry.adapters.ort;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jfoundry.adapters.ort.testing.TestRuntime;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.model.HardwareInfo;
import org.junit.jupiter.api.Test;

class OrtHardwareProbeTest {
    private static final List<String> GPU_BUILD =
            List.of("TensorrtExecutionProvider", "CUDAExecutionProvider", "CPUExecutionProvider");

    @Test
    void aGpuProviderTheBuildListsIsNotReportedWhenNoDeviceCanRunItAndTheReasonIsGiven() {
        ProviderCheck noDevice = provider -> Optional.of("CUDA failure 100: no CUDA-capable device is detected");
        HardwareInfo info = new OrtHardwareProbe(TestRuntime.get().environment(), () -> GPU_BUILD, noDevice).probe();

        assertThat(info.availableProviders()).containsExactly(ExecutionProvider.CPU);
        assertThat(info.deviceDescriptions())
                .contains("cuda is compiled in but unusable here: CUDA failure 100: no CUDA-capable device is detected")
                .anyMatch(d -> d.startsWith("tensorrt is compiled in but unusable here: "));
    }

    @Test
    void aGpuProviderThatOpensASessionIsReported() {
        ProviderCheck cudaWorks = provider -> provider == ExecutionProvider.CUDA
                ? Optional.empty() : Optional.of("libnvinfer.so.10: cannot open shared object file");
        HardwareInfo info = new OrtHardwareProbe(TestRuntime.get().environment(), () -> GPU_BUILD, cudaWorks).probe();

        assertThat(info.availableProviders()).containsExactlyInAnyOrder(ExecutionProvider.CUDA, ExecutionProvider.CPU);
    }

    @Test
    void theHardwareIsProbedOnce() {
        List<ExecutionProvider> checked = new ArrayList<>();
        OrtHardwareProbe probe = new OrtHardwareProbe(TestRuntime.get().environment(), () -> GPU_BUILD, provider -> {
            checked.add(provider);
            return Optional.empty();
        });

        assertThat(probe.probe()).isSameAs(probe.probe());
        assertThat(checked).containsExactly(ExecutionProvider.TENSORRT, ExecutionProvider.CUDA);
    }

    @Test
    void theSessionCheckSaysWhyAProviderOfAnotherBuildCannotRun() {
        ProviderCheck check = ProviderCheck.withSession(TestRuntime.get().environment());

        assertThat(check.whyUnusable(ExecutionProvider.CPU)).isEmpty();
        assertThat(check.whyUnusable(ExecutionProvider.CUDA)).hasValueSatisfying(why ->
                assertThat(why).contains("cuda").contains("CPUExecutionProvider"));
    }
}
