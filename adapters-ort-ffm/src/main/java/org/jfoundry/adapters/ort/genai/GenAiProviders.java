package org.jfoundry.adapters.ort.genai;

import java.lang.foreign.MemorySegment;
import java.util.Map;
import java.util.Optional;
import org.jfoundry.ports.failure.ProviderUnavailableException;
import org.jfoundry.ports.model.ExecutionProvider;

/**
 * Puts the requested execution provider into an {@code OgaConfig}: the folder's own provider list is cleared, so a
 * CPU load runs on CPU even when genai_config.json names CUDA; any other provider is appended with its options.
 */
final class GenAiProviders {

    private GenAiProviders() {
    }

    /** GenAI's name for a provider; empty for CPU (no entry needed) and for providers GenAI cannot append. */
    static Optional<String> genaiName(ExecutionProvider provider) {
        return Optional.ofNullable(switch (provider) {
            case CPU -> null;
            case CUDA -> "cuda";
            case DML -> "dml";
            case WEBGPU -> "WebGPU";
            case QNN -> "QNN";
            case OPENVINO -> "OpenVINO";
            case VITISAI -> "VitisAI";
            case NV_TENSORRT_RTX -> "NvTensorRtRtx";
            case COREML -> "CoreML";
            case TENSORRT -> null;
        });
    }

    static void apply(MemorySegment config, ExecutionProvider provider, Map<String, String> options) {
        Oga.clearProviders(config);
        if (provider == ExecutionProvider.CPU) {
            return;
        }
        String name = genaiName(provider).orElseThrow(() -> new ProviderUnavailableException(
                "Execution provider '" + provider.shortName() + "' is not supported by the GenAI engine; "
                        + "use engine 'ort' for it"));
        Oga.appendProvider(config, name);
        options.forEach((key, value) -> Oga.setProviderOption(config, name, key, value));
    }
}
