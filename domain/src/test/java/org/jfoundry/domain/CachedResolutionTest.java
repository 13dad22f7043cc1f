package org.jfoundry.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jfoundry.ports.testing.FakeCatalogSource.variant;

import java.util.EnumSet;
import java.util.List;
import org.jfoundry.ports.failure.ModelNotCachedException;
import org.jfoundry.ports.failure.ModelNotFoundException;
import org.jfoundry.ports.failure.ProviderUnavailableException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.LoadOptions;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.model.LoadedModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CachedResolutionTest {

    private static final List<CatalogModel> PHI_CUDA_AND_CPU = List.of(
            variant("phi-4-mini", "Phi-4-mini-instruct-cuda-gpu:1", ExecutionProvider.CUDA),
            variant("phi-4-mini", "Phi-4-mini-instruct-generic-cpu:1", ExecutionProvider.CPU));

    private final CoreFixture fixture = new CoreFixture();

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void aLoadPrefersACachedVariantOverABetterOneThatIsNotDownloaded() {
        fixture.catalog.models(PHI_CUDA_AND_CPU);
        fixture.hardware.available(EnumSet.of(ExecutionProvider.CPU, ExecutionProvider.CUDA));
        fixture.store.add("Phi-4-mini-instruct-generic-cpu:1", 10);

        LoadedModel loaded = fixture.core().load("phi-4-mini", LoadOptions.DEFAULT);

        assertThat(loaded.id().toString()).isEqualTo("Phi-4-mini-instruct-generic-cpu:1");
        assertThat(loaded.provider()).isEqualTo(ExecutionProvider.CPU);
        assertThat(loaded.alias()).isEqualTo("phi-4-mini");
    }

    @Test
    void amongCachedVariantsTheDevicePolicyChoosesAndTheEngineGetsThatProvider() {
        fixture.catalog.models(PHI_CUDA_AND_CPU);
        fixture.hardware.available(EnumSet.of(ExecutionProvider.CPU, ExecutionProvider.CUDA));
        fixture.store.add("Phi-4-mini-instruct-generic-cpu:1", 10);
        fixture.store.add("Phi-4-mini-instruct-cuda-gpu:1", 10);

        fixture.core().load("phi-4-mini", LoadOptions.DEFAULT);

        assertThat(fixture.engine.loadSpecs()).singleElement().satisfies(spec -> {
            assertThat(spec.model().id().toString()).isEqualTo("Phi-4-mini-instruct-cuda-gpu:1");
            assertThat(spec.provider()).isEqualTo(ExecutionProvider.CUDA);
        });
    }

    @Test
    void aCachedCudaVariantIsNotUsedWhereCudaIsUnavailable() {
        fixture.catalog.models(PHI_CUDA_AND_CPU);
        fixture.store.add("Phi-4-mini-instruct-cuda-gpu:1", 10);

        assertThatThrownBy(() -> fixture.core().load("phi-4-mini", LoadOptions.DEFAULT))
                .isInstanceOf(ModelNotCachedException.class)
                .hasMessageContaining("Phi-4-mini-instruct-generic-cpu:1");
    }

    @Test
    void aCachedModelIsFoundByIdByIdWithoutVersionAndByAlias() {
        fixture.store.add("qwen-generic-cpu:3", "qwen", "chat-completion", 10);

        assertThat(fixture.core().load("qwen-generic-cpu:3", LoadOptions.DEFAULT).id().toString())
                .isEqualTo("qwen-generic-cpu:3");
        assertThat(fixture.core().load("qwen-generic-cpu", LoadOptions.DEFAULT).id().toString())
                .isEqualTo("qwen-generic-cpu:3");
        assertThat(fixture.core().load("QWEN", LoadOptions.DEFAULT).id().toString()).isEqualTo("qwen-generic-cpu:3");
        assertThat(fixture.engine.totalLoads()).isEqualTo(1);
    }

    @Test
    void theCatalogAliasFindsACachedModelWhoseFolderRecordsNone() {
        fixture.catalog.models(List.of(variant("phi", "phi-generic-cpu:1", ExecutionProvider.CPU)));
        fixture.store.add("phi-generic-cpu:1", 10);

        fixture.core().completeChat(CoreFixture.chat("phi"), new CancellationSignal());

        assertThat(fixture.core().listCached()).singleElement()
                .satisfies(m -> assertThat(m.alias()).isEqualTo("phi"));
    }

    @Test
    void withoutACatalogTheVariantNameTellsWhereAHandPlacedModelRuns() {
        fixture.store.add("mistral-cuda-gpu:1", "mistral", "chat-completion", 10);
        fixture.store.add("mistral-openvino-cpu:1", "mistral", "chat-completion", 10);

        assertThatThrownBy(() -> fixture.core().load("mistral-cuda-gpu:1", LoadOptions.DEFAULT))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("mistral-cuda-gpu:1 (GPU, cuda, cached)");
        fixture.hardware.available(EnumSet.of(ExecutionProvider.CPU, ExecutionProvider.OPENVINO));
        LoadedModel loaded = fixture.core().load("mistral", LoadOptions.DEFAULT);
        assertThat(loaded.id().toString()).isEqualTo("mistral-openvino-cpu:1");
        assertThat(loaded.provider()).isEqualTo(ExecutionProvider.OPENVINO);
    }

    @Test
    void anExplicitProviderOnLoadIsPassedToTheEngine() {
        fixture.hardware.available(EnumSet.of(ExecutionProvider.CPU, ExecutionProvider.CUDA));
        fixture.store.add("phi-generic-cpu:1", 10);

        LoadedModel loaded = fixture.core().load("phi-generic-cpu:1", LoadOptions.fromQuery(null, null, "cuda"));

        assertThat(loaded.provider()).isEqualTo(ExecutionProvider.CUDA);
        assertThat(fixture.engine.loadSpecs().getFirst().provider()).isEqualTo(ExecutionProvider.CUDA);
    }

    @Test
    void anExplicitProviderThatIsUnavailableIsRefusedOnLoad() {
        fixture.store.add("phi-generic-cpu:1", 10);

        assertThatThrownBy(() -> fixture.core().load("phi-generic-cpu:1", LoadOptions.fromQuery(null, null, "cuda")))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("available: [cpu]");
        assertThat(fixture.engine.totalLoads()).isZero();
    }

    @Test
    void aRequestForACatalogModelThatIsNotDownloadedSaysSoTheWaySdksExpect() {
        fixture.catalog.models(List.of(variant("phi", "phi-generic-cpu:1", ExecutionProvider.CPU)));

        assertThatThrownBy(() -> fixture.core().completeChat(CoreFixture.chat("phi-generic-cpu:1"), new CancellationSignal()))
                .isInstanceOf(ModelNotCachedException.class)
                .hasMessageContaining("No OpenAIService provider found for modelName:phi-generic-cpu:1");
        assertThatThrownBy(() -> fixture.core().completeChat(CoreFixture.chat("phi"), new CancellationSignal()))
                .isInstanceOf(ModelNotCachedException.class)
                .hasMessageContaining("No OpenAIService provider found for modelName:");
    }

    @Test
    void aRequestForAnUnknownModelIsNotFound() {
        assertThatThrownBy(() -> fixture.core().completeChat(CoreFixture.chat("nothing-like-it"), new CancellationSignal()))
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("nothing-like-it");
    }
}
