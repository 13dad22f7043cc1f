package org.jfoundry.ports.testing;

import java.nio.file.Path;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.out.InferenceEngine;
import org.junit.jupiter.api.io.TempDir;

/** The fake engine keeps the same contract as the real ones, so tests built on it stay honest. */
class FakeInferenceEngineContractTest extends InferenceEngineContract {

    @TempDir
    Path cache;

    private final FakeInferenceEngine engine = new FakeInferenceEngine();

    @Override
    protected InferenceEngine engine() {
        return engine;
    }

    @Override
    protected CachedModel textModel() {
        return ModelFolders.create(cache, "fake-chat:1");
    }
}
