package org.jfoundry.domain;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jfoundry.ports.model.DeviceType;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.model.ModelRuntime;

/**
 * Foundry's preference among the variants of one model: NPU, vendor GPU, CUDA GPU, generic GPU, vendor CPU, generic
 * CPU; ties go to the highest version. Also knows the variant naming scheme, for cached models the catalog does not
 * describe.
 */
final class DevicePolicy {

    private static final Set<ExecutionProvider> VENDOR_GPU =
            Set.of(ExecutionProvider.OPENVINO, ExecutionProvider.TENSORRT, ExecutionProvider.NV_TENSORRT_RTX);

    private DevicePolicy() {
    }

    /** 0 is best. */
    static int rank(ModelRuntime runtime) {
        ExecutionProvider provider = runtime.executionProvider();
        return switch (runtime.deviceType()) {
            case NPU -> 0;
            case GPU -> VENDOR_GPU.contains(provider) ? 1 : provider == ExecutionProvider.CUDA ? 2 : 3;
            case CPU -> provider == ExecutionProvider.CPU ? 5 : 4;
        };
    }

    /** Orders variants best first: by device rank, then highest version, then provider preference, then id. */
    static <T> Comparator<T> bestFirst(Function<T, ModelId> id, Function<T, ModelRuntime> runtime) {
        Comparator<T> byRank = Comparator.comparingInt(v -> rank(runtime.apply(v)));
        Comparator<T> byVersionDescending = (a, b) -> id.apply(b).compareVersionTo(id.apply(a));
        return byRank.thenComparing(byVersionDescending)
                .thenComparing(v -> runtime.apply(v).executionProvider())
                .thenComparing(id::apply);
    }

    /** Variant suffixes of the Foundry naming scheme and the runtime each one announces; first match wins. */
    private static final Map<String, ModelRuntime> SUFFIXES = suffixes();

    private static Map<String, ModelRuntime> suffixes() {
        Map<String, ModelRuntime> suffixes = new LinkedHashMap<>();
        suffixes.put("-qnn-npu", new ModelRuntime(DeviceType.NPU, ExecutionProvider.QNN));
        suffixes.put("-vitis-npu", new ModelRuntime(DeviceType.NPU, ExecutionProvider.VITISAI));
        suffixes.put("-openvino-npu", new ModelRuntime(DeviceType.NPU, ExecutionProvider.OPENVINO));
        suffixes.put("-openvino-gpu", new ModelRuntime(DeviceType.GPU, ExecutionProvider.OPENVINO));
        suffixes.put("-tensorrt-gpu", new ModelRuntime(DeviceType.GPU, ExecutionProvider.TENSORRT));
        suffixes.put("-trt-rtx-gpu", new ModelRuntime(DeviceType.GPU, ExecutionProvider.NV_TENSORRT_RTX));
        suffixes.put("-cuda-gpu", new ModelRuntime(DeviceType.GPU, ExecutionProvider.CUDA));
        suffixes.put("-generic-gpu", new ModelRuntime(DeviceType.GPU, ExecutionProvider.WEBGPU));
        suffixes.put("-openvino-cpu", new ModelRuntime(DeviceType.CPU, ExecutionProvider.OPENVINO));
        return Collections.unmodifiableMap(suffixes);
    }

    /** The runtime a variant's name announces ({@code -cuda-gpu}, {@code -openvino-cpu}, ...); generic CPU otherwise. */
    static ModelRuntime runtimeFromName(ModelId id) {
        String name = id.name().toLowerCase(Locale.ROOT);
        return SUFFIXES.entrySet().stream()
                .filter(suffix -> name.endsWith(suffix.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(ModelRuntime.CPU);
    }
}
