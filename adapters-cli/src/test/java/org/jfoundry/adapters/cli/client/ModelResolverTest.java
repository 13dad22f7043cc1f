package org.jfoundry.adapters.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jfoundry.adapters.cli.support.CliHarness.model;

import java.util.List;
import java.util.Set;
import org.jfoundry.ports.failure.ModelNotFoundException;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.DeviceType;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.model.ModelId;
import org.junit.jupiter.api.Test;

class ModelResolverTest {
    static final CatalogModel CPU = model("M-generic-cpu:1", "m", DeviceType.CPU, ExecutionProvider.CPU, 1);
    static final CatalogModel CPU_V2 = model("M-generic-cpu:2", "m", DeviceType.CPU, ExecutionProvider.CPU, 1);
    static final CatalogModel OPENVINO_CPU = model("M-openvino-cpu:1", "m", DeviceType.CPU, ExecutionProvider.OPENVINO, 1);
    static final CatalogModel CUDA = model("M-cuda-gpu:1", "m", DeviceType.GPU, ExecutionProvider.CUDA, 1);
    static final CatalogModel QNN = model("M-qnn-npu:1", "m", DeviceType.NPU, ExecutionProvider.QNN, 1);
    static final List<CatalogModel> ALL = List.of(CPU, CPU_V2, OPENVINO_CPU, CUDA, QNN);

    @Test
    void anAliasPicksTheBestVariantThisMachineCanRun() {
        assertThat(resolve(Set.of(ExecutionProvider.CPU), List.of()).id()).isEqualTo(CPU_V2.id());
        assertThat(resolve(Set.of(ExecutionProvider.CPU, ExecutionProvider.OPENVINO), List.of()).id())
                .isEqualTo(OPENVINO_CPU.id());
        assertThat(resolve(Set.of(ExecutionProvider.CPU, ExecutionProvider.CUDA), List.of()).id()).isEqualTo(CUDA.id());
        assertThat(resolve(Set.of(ExecutionProvider.CPU, ExecutionProvider.CUDA, ExecutionProvider.QNN), List.of()).id())
                .isEqualTo(QNN.id());
    }

    @Test
    void aDownloadedVariantWinsOverABetterOne() {
        ModelResolver.Resolved resolved = resolve(Set.of(ExecutionProvider.CPU, ExecutionProvider.CUDA), List.of(CPU.id()));
        assertThat(resolved.id()).isEqualTo(CPU.id());
        assertThat(resolved.cached()).isTrue();
        assertThat(resolved.entry()).isEqualTo(CPU);
    }

    @Test
    void aFullIdIsTakenAsItIsEvenWhenThisMachineCannotRunIt() {
        ModelResolver resolver = new ModelResolver(ALL, List.of(), Set.of(ExecutionProvider.CPU));
        assertThat(resolver.resolve("M-cuda-gpu:1").entry()).isEqualTo(CUDA);
        assertThat(resolver.resolve("M-generic-cpu").id()).isEqualTo(CPU_V2.id());
    }

    @Test
    void aModelPlacedInTheCacheByHandIsFoundWithoutTheCatalog() {
        ModelResolver resolver = new ModelResolver(List.of(), List.of(ModelId.parse("Handmade:3")), Set.of());
        assertThat(resolver.resolve("Handmade").id()).isEqualTo(ModelId.parse("Handmade:3"));
        assertThat(resolver.resolve("Handmade:3").entry()).isNull();
    }

    @Test
    void anUnknownNameIsNotFound() {
        ModelResolver resolver = new ModelResolver(ALL, List.of(), Set.of(ExecutionProvider.CPU));
        assertThatThrownBy(() -> resolver.resolve("other")).isInstanceOf(ModelNotFoundException.class);
        assertThatThrownBy(() -> resolver.resolve("other:1")).isInstanceOf(ModelNotFoundException.class);
    }

    private static ModelResolver.Resolved resolve(Set<ExecutionProvider> available, List<ModelId> cached) {
        return new ModelResolver(ALL, cached, available).resolve("M");
    }
}
