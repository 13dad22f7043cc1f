package org.jfoundry.ports.out;

import java.util.Optional;

/** Loads model folders into memory. One engine may serve text generation, embeddings, or both. */
public interface InferenceEngine {

    /** A short name such as {@code ort}, {@code genai} or {@code fake}. */
    String name();

    /** Empty when the engine can load models here; otherwise why not (a missing native library, say). */
    default Optional<String> unavailableReason() {
        return Optional.empty();
    }

    /** Loads the folder; the caller owns the handle and closes it to unload. */
    ModelHandle load(ModelLoadSpec spec);
}
