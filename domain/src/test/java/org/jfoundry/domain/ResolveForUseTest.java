package org.jfoundry.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jfoundry.ports.testing.FakeCatalogSource.variant;

import java.util.EnumSet;
import java.util.List;
import org.jfoundry.ports.failure.ModelNotFoundException;
import org.jfoundry.ports.in.ResolvedModel;
import org.jfoundry.ports.inference.LoadOptions;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.ExecutionProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The resolution clients ask the service for: the variant a request naming it would use, cached or not. */
class ResolveForUseTest {

    private static final CatalogModel OPENVINO_GPU = variant("m", "M-openvino-gpu:1", ExecutionProvider.OPENVINO);
    private static final CatalogModel TENSORRT_GPU = variant("m", "M-tensorrt-gpu:2", ExecutionProvider.TENSORRT);
    private static final CatalogModel CPU = variant("m", "M-generic-cpu:3", ExecutionProvider.CPU);

    private final CoreFixture fixture = new CoreFixture();

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void amongVendorGpuVariantsTheHighestVersionWinsWhateverTheProvider() {
        fixture.catalog.models(List.of(OPENVINO_GPU, TENSORRT_GPU, CPU));
        fixture.hardware.available(EnumSet.of(ExecutionProvider.CPU, ExecutionProvider.OPENVINO, ExecutionProvider.TENSORRT));

        ResolvedModel resolved = fixture.core().resolveForUse("m", null);

        assertThat(resolved.model()).isEqualTo(TENSORRT_GPU);
        assertThat(resolved.cached()).isFalse();
    }

    @Test
    void aDownloadedVariantWinsOverABetterOneAndIsTheOneARequestLoads() {
        fixture.catalog.models(List.of(OPENVINO_GPU, TENSORRT_GPU, CPU));
        fixture.hardware.available(EnumSet.of(ExecutionProvider.CPU, ExecutionProvider.OPENVINO, ExecutionProvider.TENSORRT));
        fixture.store.add(CPU.id().toString(), 10);

        ResolvedModel resolved = fixture.core().resolveForUse("m", null);

        assertThat(resolved.model()).isEqualTo(CPU);
        assertThat(resolved.cached()).isTrue();
        assertThat(fixture.core().load("m", LoadOptions.DEFAULT).id()).isEqualTo(resolved.model().id());
    }

    @Test
    void anInsistedProviderPicksItsVariant() {
        fixture.catalog.models(List.of(OPENVINO_GPU, TENSORRT_GPU, CPU));
        fixture.hardware.available(EnumSet.of(ExecutionProvider.CPU, ExecutionProvider.OPENVINO, ExecutionProvider.TENSORRT));

        assertThat(fixture.core().resolveForUse("m", ExecutionProvider.OPENVINO).model()).isEqualTo(OPENVINO_GPU);
    }

    @Test
    void aDownloadedModelNoCatalogListsIsDescribedAsTheCacheKnowsIt() {
        fixture.store.add("Handmade-generic-cpu:4", "handmade", "chat-completion", 10);

        ResolvedModel resolved = fixture.core().resolveForUse("handmade", null);

        assertThat(resolved.model().id().toString()).isEqualTo("Handmade-generic-cpu:4");
        assertThat(resolved.model().alias()).isEqualTo("handmade");
        assertThat(resolved.cached()).isTrue();
    }

    @Test
    void aNameNothingKnowsIsNotFound() {
        fixture.catalog.models(List.of(CPU));

        assertThatThrownBy(() -> fixture.core().resolveForUse("other", null)).isInstanceOf(ModelNotFoundException.class);
    }
}
