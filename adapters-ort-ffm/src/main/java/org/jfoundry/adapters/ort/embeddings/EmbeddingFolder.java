package org.jfoundry.adapters.ort.embeddings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.jfoundry.ports.failure.EngineFailureException;

/**
 * An embedding model folder: {@code model.onnx}, {@code tokenizer.json} (+ {@code tokenizer_config.json}) and
 * {@code inference_model.json} with {@code "Task": "embeddings"}. No {@code genai_config.json} is needed.
 */
record EmbeddingFolder(Path folder, Path model, Path tokenizer, int maxTokens) {
    static final String INFERENCE_MODEL = "inference_model.json";
    /** The BERT-family position limit, used when neither tokenizer file says otherwise. */
    static final int DEFAULT_MAX_TOKENS = 512;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** True when {@code inference_model.json} declares an embeddings task. */
    static boolean isEmbeddingFolder(Path folder) {
        return readJson(folder.resolve(INFERENCE_MODEL))
                .map(json -> json.path("Task").asText("").toLowerCase(Locale.ROOT).contains("embed"))
                .orElse(false);
    }

    static EmbeddingFolder read(Path folder) {
        Path tokenizer = folder.resolve("tokenizer.json");
        if (!Files.isRegularFile(tokenizer)) {
            throw new EngineFailureException("embedding model folder " + folder + " has no tokenizer.json");
        }
        return new EmbeddingFolder(folder, findModel(folder), tokenizer, maxTokens(folder));
    }

    private static Path findModel(Path folder) {
        Path model = folder.resolve("model.onnx");
        if (Files.isRegularFile(model)) {
            return model;
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> onnx = files.filter(p -> p.getFileName().toString().endsWith(".onnx")).toList();
            if (onnx.size() == 1) {
                return onnx.getFirst();
            }
            throw new EngineFailureException("embedding model folder " + folder + " has no model.onnx"
                    + (onnx.isEmpty() ? "" : " and several other .onnx files: " + onnx));
        } catch (IOException e) {
            throw new EngineFailureException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    /** tokenizer_config.json's model_max_length, else tokenizer.json's truncation length, else 512. */
    private static int maxTokens(Path folder) {
        Optional<Integer> fromConfig = readJson(folder.resolve("tokenizer_config.json"))
                .map(json -> json.path("model_max_length"))
                .filter(JsonNode::isNumber)
                .map(JsonNode::asDouble)
                .filter(n -> n >= 2 && n <= 100_000)
                .map(Double::intValue);
        if (fromConfig.isPresent()) {
            return fromConfig.get();
        }
        return readJson(folder.resolve("tokenizer.json"))
                .map(json -> json.path("truncation").path("max_length"))
                .filter(JsonNode::isInt)
                .map(JsonNode::asInt)
                .filter(n -> n >= 2)
                .orElse(DEFAULT_MAX_TOKENS);
    }

    private static Optional<JsonNode> readJson(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new EngineFailureException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
