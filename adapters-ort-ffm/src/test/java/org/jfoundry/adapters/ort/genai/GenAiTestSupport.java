package org.jfoundry.adapters.ort.genai;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.jfoundry.adapters.ort.testing.TestRuntime;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.model.PromptTemplate;
import org.jfoundry.ports.settings.FoundryHome;

/** One GenAI engine per test JVM, found the way the product finds it (environment, then the foundry home). */
final class GenAiTestSupport {

    private static GenAiEngine engine;

    private GenAiTestSupport() {
    }

    static synchronized GenAiEngine engine() {
        if (engine == null) {
            engine = GenAiEngine.create(null, System.getenv(), FoundryHome.fromEnvironment(), ortLibrary());
        }
        return engine;
    }

    /** The libonnxruntime.so the ORT adapter loaded for the tests: GenAI must share it. */
    static Path ortLibrary() {
        return TestRuntime.get().library().path();
    }

    static Optional<String> unavailable() {
        return engine().unavailableReason();
    }

    /** Skips the calling test, visibly and with the reason, when the GenAI library is not installed. */
    static void assumeAvailable() {
        assumeTrue(unavailable().isEmpty(), () -> "GenAI is not available: " + unavailable().orElse(""));
    }

    static CachedModel cachedModel(Path folder, String name) {
        PromptTemplate template = new PromptTemplate("<|im_start|>system\n{Content}<|im_end|>\n",
                "<|im_start|>user\n{Content}<|im_end|>\n", "<|im_start|>assistant\n{Content}<|im_end|>\n", null);
        return new CachedModel(new ModelId(name, "1"), null, folder, size(folder), "chat-completion", template);
    }

    private static long size(Path folder) {
        try (var files = Files.list(folder)) {
            return files.mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> noEnvironment() {
        return Map.of();
    }
}
