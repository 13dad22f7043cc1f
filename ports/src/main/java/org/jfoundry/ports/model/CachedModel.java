package org.jfoundry.ports.model;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A model folder in the cache.
 *
 * @param alias     the catalog alias when known, else null
 * @param task      {@code chat-completion}, {@code embeddings}, ... when known, else null
 * @param sizeBytes the folder's total file size, used to estimate memory when loaded
 */
public record CachedModel(ModelId id, String alias, Path folder, long sizeBytes, String task, PromptTemplate promptTemplate) {
    public CachedModel {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(folder, "folder");
    }

    public boolean isEmbeddingModel() {
        return task != null && task.toLowerCase(java.util.Locale.ROOT).contains("embed");
    }

    /** Whisper and its kind: task {@code automatic-speech-recognition}. */
    public boolean isSpeechRecognitionModel() {
        return task != null && task.toLowerCase(java.util.Locale.ROOT).contains("speech-recognition");
    }
}
