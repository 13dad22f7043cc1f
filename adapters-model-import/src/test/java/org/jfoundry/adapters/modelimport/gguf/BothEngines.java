package org.jfoundry.adapters.modelimport.gguf;

import org.jfoundry.adapters.ort.OrtInferenceEngine;
import org.jfoundry.adapters.ort.genai.GenAiEngine;
import org.jfoundry.adapters.ort.generate.GenAiFolderLoader;
import org.jfoundry.adapters.ort.testing.TestRuntime;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.out.InferenceEngine;
import org.jfoundry.ports.settings.FoundryHome;
import org.jfoundry.ports.settings.ServiceSettings;

import java.nio.file.Path;
import java.util.Optional;

/** The project's two engines, created once per test JVM: the Java loop over ONNX Runtime, and GenAI. */
final class BothEngines {

    private static InferenceEngine javaLoop;
    private static GenAiEngine genai;

    private BothEngines() {
    }

    static synchronized InferenceEngine javaLoop() {
        if (javaLoop == null) {
            javaLoop = new OrtInferenceEngine(java.util.List.of(new GenAiFolderLoader(TestRuntime.get().environment(), 2)));
        }
        return javaLoop;
    }

    static synchronized GenAiEngine genai() {
        if (genai == null) {
            FoundryHome home = FoundryHome.fromEnvironment();
            genai = GenAiEngine.create(ServiceSettings.defaults(home.root()), home, TestRuntime.get());
        }
        return genai;
    }

    static Optional<String> genaiUnavailable() {
        return genai().unavailableReason();
    }

    /** A converted folder as the cache would list it; no catalog template, so the folder's own one is used. */
    static CachedModel cached(Path folder, String name) {
        return new CachedModel(new ModelId(name, "1"), null, folder, 0, "chat-completion", null);
    }
}
