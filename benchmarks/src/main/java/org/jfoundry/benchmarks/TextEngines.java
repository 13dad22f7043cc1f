package org.jfoundry.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfoundry.adapters.ort.OnnxRuntime;
import org.jfoundry.adapters.ort.OrtInferenceEngine;
import org.jfoundry.adapters.ort.genai.GenAiEngine;
import org.jfoundry.adapters.ort.generate.GenAiFolderLoader;
import org.jfoundry.ports.out.InferenceEngine;
import org.jfoundry.ports.settings.FoundryHome;
import org.jfoundry.ports.settings.ServiceSettings;

/** The two text-generation engines, GenAI and the Java loop, over one ONNX Runtime, as the benches compare them. */
public final class TextEngines {
    private TextEngines() {
    }

    /** {@code genai} then {@code java-loop}; exits with 2 when GenAI is unavailable, since nothing compares then. */
    public static Map<String, InferenceEngine> both(OnnxRuntime runtime, FoundryHome home, int threads) {
        GenAiEngine genai = GenAiEngine.create(ServiceSettings.defaults(home.root()), home, runtime);
        if (genai.unavailableReason().isPresent()) {
            System.out.println("GenAI unavailable: " + genai.unavailableReason().get());
            System.exit(2);
        }
        Map<String, InferenceEngine> engines = new LinkedHashMap<>();
        engines.put("genai", genai);
        engines.put("java-loop", new OrtInferenceEngine(List.of(new GenAiFolderLoader(runtime.environment(), threads))));
        return engines;
    }
}
