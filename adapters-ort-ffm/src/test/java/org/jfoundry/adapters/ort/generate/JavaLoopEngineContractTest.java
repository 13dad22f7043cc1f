package org.jfoundry.adapters.ort.generate;

import java.nio.file.Path;
import java.util.List;
import org.jfoundry.adapters.ort.OrtInferenceEngine;
import org.jfoundry.adapters.ort.testing.TestRuntime;
import org.jfoundry.adapters.ort.testmodels.DecoderSpec;
import org.jfoundry.adapters.ort.testmodels.TestDecoders;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.out.InferenceEngine;
import org.jfoundry.ports.testing.InferenceEngineContract;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The Java loop over ONNX Runtime (engine {@code ort}) against the shared engine contract, on a generated decoder. */
class JavaLoopEngineContractTest extends InferenceEngineContract {

    @TempDir
    static Path models;

    private static InferenceEngine engine;
    private static CachedModel model;

    @BeforeAll
    static void engineAndDecoder() {
        engine = new OrtInferenceEngine(List.of(new GenAiFolderLoader(TestRuntime.get().environment(), 1)));
        Path folder = TestDecoders.write(models.resolve("gqa"), DecoderSpec.tinyGqa(11));
        model = new CachedModel(new ModelId("java-loop", "1"), null, folder, 1, "chat-completion", null);
    }

    @Override
    protected InferenceEngine engine() {
        return engine;
    }

    @Override
    protected CachedModel textModel() {
        return model;
    }
}
