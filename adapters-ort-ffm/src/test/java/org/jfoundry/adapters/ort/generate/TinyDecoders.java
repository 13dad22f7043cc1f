package org.jfoundry.adapters.ort.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jfoundry.adapters.ort.testing.TestRuntime;
import org.jfoundry.adapters.ort.testmodels.DecoderSpec;
import org.jfoundry.adapters.ort.testmodels.ReferenceDecoder;
import org.jfoundry.adapters.ort.testmodels.TestDecoders;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.out.ModelHandle;
import org.jfoundry.ports.out.ModelLoadSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Generated tiny decoders of both variants, written once per test JVM under target/, and helpers around them. */
final class TinyDecoders {

    static final Path ROOT = Path.of("target", "test-decoders").toAbsolutePath();

    private TinyDecoders() {
    }

    static Path folder(DecoderSpec spec) {
        return TestDecoders.writeOnce(ROOT, spec);
    }

    static ModelHandle load(DecoderSpec spec) {
        return load(folder(spec), GenerationLimits.defaults());
    }

    static ModelHandle load(Path folder, GenerationLimits limits) {
        CachedModel model = new CachedModel(new ModelId(folder.getFileName().toString(), "1"), null, folder, 0,
                "chat-completion", null);
        return new GenAiFolderLoader(TestRuntime.get().environment(), 1, limits).load(ModelLoadSpec.cpu(model));
    }

    /** A copy of a generated folder with its genai_config.json edited, for tests of what the config decides. */
    static Path copyWithConfig(DecoderSpec spec, Path target, Consumer<ObjectNode> edit) {
        Path source = folder(spec);
        try {
            Files.createDirectories(target);
            try (var files = Files.list(source)) {
                for (Path file : files.toList()) {
                    Files.copy(file, target.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            ObjectMapper json = new ObjectMapper();
            ObjectNode config = (ObjectNode) json.readTree(target.resolve("genai_config.json").toFile());
            edit.accept(config);
            json.writeValue(target.resolve("genai_config.json").toFile(), config);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Greedy tokens recomputed from scratch every step through ONNX Runtime's official Java API. */
    static long[] referenceGreedy(DecoderSpec spec, long[] prompt, int steps) {
        try (ReferenceDecoder reference = new ReferenceDecoder(folder(spec), spec)) {
            return reference.greedyWithoutCache(prompt, steps);
        }
    }

    static long[] encode(DecoderSpec spec, String text) {
        try (ModelTokenizer tokenizer = ModelTokenizer.open(folder(spec))) {
            return tokenizer.encode(text);
        }
    }

    /** The text of tokens decoded all at once (the streaming decoder must produce the same). */
    static String decode(DecoderSpec spec, long[] tokens) {
        try (ModelTokenizer tokenizer = ModelTokenizer.open(folder(spec))) {
            var bytes = new java.io.ByteArrayOutputStream();
            for (long token : tokens) {
                bytes.writeBytes(tokenizer.bytesOf(token));
            }
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
