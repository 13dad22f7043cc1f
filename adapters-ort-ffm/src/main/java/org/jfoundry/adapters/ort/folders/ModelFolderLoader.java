package org.jfoundry.adapters.ort.folders;

import java.nio.file.Path;
import org.jfoundry.ports.out.ModelHandle;
import org.jfoundry.ports.out.ModelLoadSpec;

/**
 * One kind of model folder the {@code ort} engine can load (sentence embeddings, GenAI text generation...). The engine
 * asks each loader in turn whether it {@link #accepts} a folder and loads it with the first that does.
 */
public interface ModelFolderLoader {
    /** A short description for error messages, such as {@code "embedding folder (inference_model.json, Task embeddings)"}. */
    String kind();

    boolean accepts(Path folder);

    /** Loads the folder; failures are {@link org.jfoundry.ports.failure.FoundryException}s. */
    ModelHandle load(ModelLoadSpec spec);
}
