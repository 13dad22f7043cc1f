package org.jfoundry.ports.out;

import java.util.Objects;

/**
 * What a conversion wrote.
 *
 * @param architecture the source's architecture name, e.g. {@code llama} or {@code whisper}
 * @param name         the model's own name from the source's metadata, or the file name without extension
 * @param task         the catalog task the folder serves: {@code chat-completion}, {@code automatic-speech-recognition}
 * @param bytesWritten total size of the written folder
 */
public record ConvertedModel(String architecture, String name, String task, long bytesWritten) {
    public ConvertedModel {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(task, "task");
    }
}
