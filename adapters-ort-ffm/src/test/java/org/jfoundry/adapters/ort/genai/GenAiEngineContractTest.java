package org.jfoundry.adapters.ort.genai;

import java.nio.file.Path;
import org.jfoundry.adapters.ort.testmodels.DecoderSpec;
import org.jfoundry.adapters.ort.testmodels.TestDecoders;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.out.InferenceEngine;
import org.jfoundry.ports.testing.InferenceEngineContract;
import org.junit.jupiter.api.io.TempDir;

/** The GenAI engine against the shared contract, on a generated GroupQueryAttention decoder; skipped without GenAI. */
class GenAiEngineContractTest extends InferenceEngineContract {

    @TempDir
    static Path models;

    private static CachedModel model;

    @Override
    protected InferenceEngine engine() {
        GenAiTestSupport.assumeAvailable();
        return GenAiTestSupport.engine();
    }

    @Override
    protected CachedModel textModel() {
        if (model == null) {
            Path folder = TestDecoders.write(models.resolve("gqa"), DecoderSpec.tinyGqa(11));
            model = GenAiTestSupport.cachedModel(folder, "gqa");
        }
        return model;
    }
}
