package org.jfoundry.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.inference.LoadOptions;
import org.jfoundry.ports.model.ExecutionProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GpuDeviceTest {

    private final CoreFixture fixture = new CoreFixture();

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void theFirstGpuIsUsedUntilAnotherIsSelected() {
        assertThat(fixture.core().gpuDevice()).isZero();

        fixture.core().selectGpuDevice(1);

        assertThat(fixture.core().gpuDevice()).isEqualTo(1);
    }

    @Test
    void cudaLoadsAreToldTheSelectedDevice() {
        fixture.hardware.available(Set.of(ExecutionProvider.CPU, ExecutionProvider.CUDA));
        fixture.store.add("phi-cuda-gpu:1", 10);
        fixture.core().selectGpuDevice(2);

        fixture.core().load("phi-cuda-gpu:1", new LoadOptions(null, ExecutionProvider.CUDA));

        assertThat(fixture.engine.loadSpecs().getLast().providerOptions()).isEqualTo(Map.of("device_id", "2"));
    }

    @Test
    void cpuLoadsGetNoDeviceOption() {
        fixture.store.add("phi-generic-cpu:1", 10);
        fixture.core().selectGpuDevice(2);

        fixture.core().load("phi-generic-cpu:1", LoadOptions.DEFAULT);

        assertThat(fixture.engine.loadSpecs().getLast().providerOptions()).isEmpty();
    }

    @Test
    void aNegativeDeviceIsRefusedAndTheSelectionStays() {
        fixture.core().selectGpuDevice(1);

        assertThatThrownBy(() -> fixture.core().selectGpuDevice(-1)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("0 or more");
        assertThat(fixture.core().gpuDevice()).isEqualTo(1);
    }
}
