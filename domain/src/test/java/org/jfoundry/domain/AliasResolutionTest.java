package org.jfoundry.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jfoundry.ports.testing.FakeCatalogSource.variant;

import java.util.EnumSet;
import java.util.List;
import org.jfoundry.ports.failure.ModelNotFoundException;
import org.jfoundry.ports.failure.ProviderUnavailableException;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.DeviceType;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.testing.FakeCatalogSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AliasResolutionTest {

    private static final CatalogModel PHI_CPU = variant("phi-4-mini", "Phi-4-mini-instruct-generic-cpu:1", ExecutionProvider.CPU);
    private static final CatalogModel PHI_OPENVINO_CPU = variant("phi-4-mini", "Phi-4-mini-instruct-openvino-cpu:1",
            DeviceType.CPU, ExecutionProvider.OPENVINO);
    private static final CatalogModel PHI_WEBGPU = variant("phi-4-mini", "Phi-4-mini-instruct-generic-gpu:1", ExecutionProvider.WEBGPU);
    private static final CatalogModel PHI_CUDA = variant("phi-4-mini", "Phi-4-mini-instruct-cuda-gpu:1", ExecutionProvider.CUDA);
    private static final CatalogModel PHI_OPENVINO_GPU = variant("phi-4-mini", "Phi-4-mini-instruct-openvino-gpu:1", ExecutionProvider.OPENVINO);
    private static final CatalogModel PHI_QNN = variant("phi-4-mini", "Phi-4-mini-instruct-qnn-npu:1", ExecutionProvider.QNN);

    private final CoreFixture fixture = new CoreFixture();

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    private String resolve(String name, ExecutionProvider provider, ExecutionProvider... available) {
        fixture.hardware.available(EnumSet.copyOf(List.of(available)));
        return fixture.core().resolve(name, provider).id().toString();
    }

    @Test
    void cudaIsChosenWhenCudaIsAvailable() {
        fixture.catalog.models(List.of(PHI_CPU, PHI_CUDA, PHI_WEBGPU));

        assertThat(resolve("phi-4-mini", null, ExecutionProvider.CPU, ExecutionProvider.CUDA))
                .isEqualTo("Phi-4-mini-instruct-cuda-gpu:1");
    }

    @Test
    void ofTwoCpuVariantsDifferingInPrecisionTheInt4OneIsTheDefault() {
        // the built-in catalog's naming: the exact float32 variant sorts after the int4 one
        fixture.catalog.models(List.of(
                FakeCatalogSource.variant("smollm2-135m", "smollm2-135m-instruct-generic-fp32-cpu:1", ExecutionProvider.CPU),
                FakeCatalogSource.variant("smollm2-135m", "smollm2-135m-instruct-generic-cpu:1", ExecutionProvider.CPU)));

        assertThat(resolve("smollm2-135m", null, ExecutionProvider.CPU)).isEqualTo("smollm2-135m-instruct-generic-cpu:1");
    }

    @Test
    void theCpuVariantIsChosenWhenNoGpuProviderIsAvailable() {
        fixture.catalog.models(List.of(PHI_CUDA, PHI_WEBGPU, PHI_CPU));

        assertThat(resolve("phi-4-mini", null, ExecutionProvider.CPU)).isEqualTo("Phi-4-mini-instruct-generic-cpu:1");
    }

    @Test
    void anNpuBeatsEveryGpuAndCpu() {
        fixture.catalog.models(List.of(PHI_CPU, PHI_CUDA, PHI_OPENVINO_GPU, PHI_QNN));

        assertThat(resolve("phi-4-mini", null, ExecutionProvider.values())).isEqualTo("Phi-4-mini-instruct-qnn-npu:1");
    }

    @Test
    void theDeviceOrderIsVendorGpuThenCudaThenGenericGpuThenVendorCpuThenGenericCpu() {
        List<CatalogModel> all = List.of(PHI_CPU, PHI_OPENVINO_CPU, PHI_WEBGPU, PHI_CUDA, PHI_OPENVINO_GPU);
        fixture.catalog.models(all);
        ExecutionProvider[] gpus = {ExecutionProvider.CPU, ExecutionProvider.OPENVINO, ExecutionProvider.CUDA,
                ExecutionProvider.WEBGPU};

        assertThat(resolve("phi-4-mini", null, gpus)).isEqualTo("Phi-4-mini-instruct-openvino-gpu:1");
        fixture.catalog.models(List.of(PHI_CPU, PHI_OPENVINO_CPU, PHI_WEBGPU, PHI_CUDA));
        assertThat(resolve("phi-4-mini", null, gpus)).isEqualTo("Phi-4-mini-instruct-cuda-gpu:1");
        fixture.catalog.models(List.of(PHI_CPU, PHI_OPENVINO_CPU, PHI_WEBGPU));
        assertThat(resolve("phi-4-mini", null, gpus)).isEqualTo("Phi-4-mini-instruct-generic-gpu:1");
        fixture.catalog.models(List.of(PHI_CPU, PHI_OPENVINO_CPU));
        assertThat(resolve("phi-4-mini", null, gpus)).isEqualTo("Phi-4-mini-instruct-openvino-cpu:1");
    }

    @Test
    void anExplicitProviderOverridesThePolicy() {
        fixture.catalog.models(List.of(PHI_CPU, PHI_CUDA));

        assertThat(resolve("phi-4-mini", ExecutionProvider.CPU, ExecutionProvider.CPU, ExecutionProvider.CUDA))
                .isEqualTo("Phi-4-mini-instruct-generic-cpu:1");
    }

    @Test
    void anExplicitProviderThatIsNotAvailableIsRefusedNamingWhatIs() {
        fixture.catalog.models(List.of(PHI_CPU, PHI_CUDA));

        assertThatThrownBy(() -> resolve("phi-4-mini", ExecutionProvider.CUDA, ExecutionProvider.CPU))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("cuda")
                .hasMessageContaining("available: [cpu]");
    }

    @Test
    void tiesGoToTheHighestVersionComparedAsNumbers() {
        fixture.catalog.models(List.of(
                variant("phi-4-mini", "Phi-4-mini-instruct-generic-cpu:9", ExecutionProvider.CPU),
                variant("phi-4-mini", "Phi-4-mini-instruct-generic-cpu:10", ExecutionProvider.CPU),
                variant("phi-4-mini", "Phi-4-mini-instruct-generic-cpu:2", ExecutionProvider.CPU)));

        assertThat(resolve("phi-4-mini", null, ExecutionProvider.CPU)).isEqualTo("Phi-4-mini-instruct-generic-cpu:10");
        assertThat(resolve("Phi-4-mini-instruct-generic-cpu", null, ExecutionProvider.CPU))
                .isEqualTo("Phi-4-mini-instruct-generic-cpu:10");
    }

    @Test
    void aFullIdResolvesToExactlyThatVariant() {
        fixture.catalog.models(List.of(PHI_CPU, PHI_CUDA));

        assertThat(resolve("Phi-4-mini-instruct-generic-cpu:1", null, ExecutionProvider.CPU, ExecutionProvider.CUDA))
                .isEqualTo("Phi-4-mini-instruct-generic-cpu:1");
    }

    @Test
    void whenNoVariantCanRunHereTheErrorListsVariantsAndAvailableProviders() {
        fixture.catalog.models(List.of(PHI_CUDA, PHI_QNN));

        assertThatThrownBy(() -> resolve("phi-4-mini", null, ExecutionProvider.CPU))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("Phi-4-mini-instruct-cuda-gpu:1 (GPU, cuda)")
                .hasMessageContaining("Phi-4-mini-instruct-qnn-npu:1 (NPU, qnn)")
                .hasMessageContaining("available providers: [cpu]");
    }

    @Test
    void anUnknownNameIsNotFound() {
        fixture.catalog.models(List.of(PHI_CPU));

        assertThatThrownBy(() -> resolve("no-such-model", null, ExecutionProvider.CPU))
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("no-such-model");
    }

    @Test
    void anEarlierCatalogWinsForTheSameIdAndLaterCatalogsAddTheirOwn() {
        CatalogModel localCopy = variant("local-phi", "Phi-4-mini-instruct-generic-cpu:1", ExecutionProvider.CPU);
        fixture.catalogs.addFirst(new FakeCatalogSource("local", List.of(localCopy,
                variant("qwen", "qwen2.5-0.5b-instruct-generic-cpu:3", ExecutionProvider.CPU))));
        fixture.catalog.models(List.of(PHI_CPU));

        assertThat(fixture.core().listCatalog()).extracting(CatalogModel::alias).containsExactly("local-phi", "qwen");
        assertThat(resolve("qwen", null, ExecutionProvider.CPU)).isEqualTo("qwen2.5-0.5b-instruct-generic-cpu:3");
    }

    @Test
    void whenEveryCatalogFailsListingReportsTheFirstFailure() {
        fixture.catalog.failWith(new ModelNotFoundException("catalog", "the Foundry catalog is unreachable"));

        assertThatThrownBy(() -> fixture.core().listCatalog()).isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("unreachable");
    }

    @Test
    void anUnreachableCatalogDoesNotHideTheOthers() {
        fixture.catalogs.addFirst(new FakeCatalogSource("online", List.of())
                .failWith(new ModelNotFoundException("catalog", "catalog unreachable")));
        fixture.catalog.models(List.of(PHI_CPU));

        assertThat(resolve("phi-4-mini", null, ExecutionProvider.CPU)).isEqualTo("Phi-4-mini-instruct-generic-cpu:1");
    }
}
