package org.jfoundry.adapters.ort;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jfoundry.adapters.ort.folders.ModelFolderLoader;
import org.jfoundry.ports.failure.EngineFailureException;
import org.jfoundry.ports.failure.FoundryException;
import org.jfoundry.ports.out.InferenceEngine;
import org.jfoundry.ports.out.ModelHandle;
import org.jfoundry.ports.out.ModelLoadSpec;

/**
 * The {@code ort} engine: ONNX Runtime through FFM. It dispatches a model folder to the first {@link ModelFolderLoader}
 * that accepts it; to support a new kind of folder, add a loader to the list {@link OnnxRuntime} builds.
 */
public final class OrtInferenceEngine implements InferenceEngine {
    public static final String NAME = "ort";

    private final List<ModelFolderLoader> loaders;

    public OrtInferenceEngine(List<ModelFolderLoader> loaders) {
        this.loaders = List.copyOf(loaders);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ModelHandle load(ModelLoadSpec spec) {
        Path folder = spec.model().folder();
        if (!Files.isDirectory(folder)) {
            throw new EngineFailureException("model folder " + folder + " of " + spec.model().id() + " does not exist");
        }
        for (ModelFolderLoader loader : loaders) {
            if (loader.accepts(folder)) {
                try {
                    return loader.load(spec);
                } catch (FoundryException e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw new EngineFailureException("could not load " + spec.model().id() + " from " + folder + ": "
                            + e.getMessage(), e);
                }
            }
        }
        throw new EngineFailureException("the ort engine cannot load " + spec.model().id() + ": " + folder
                + " is none of " + loaders.stream().map(ModelFolderLoader::kind).toList());
    }
}
