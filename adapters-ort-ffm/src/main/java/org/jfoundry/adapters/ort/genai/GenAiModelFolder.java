package org.jfoundry.adapters.ort.genai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jfoundry.ports.failure.EngineFailureException;

/**
 * What the engine reads from a model folder itself, beside what GenAI reads: the length limits, and whether the
 * tokenizer carries a chat template (GenAI can only render a conversation with one).
 *
 * @param contextLength   {@code model.context_length}
 * @param defaultMaxLength {@code search.max_length}, or the context length when 0 or absent
 */
record GenAiModelFolder(Path folder, int contextLength, int defaultMaxLength, boolean hasChatTemplate) {

    static final String CONFIG_FILE = "genai_config.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    static GenAiModelFolder read(Path folder) {
        Path config = folder.resolve(CONFIG_FILE);
        if (!Files.isRegularFile(config)) {
            throw new EngineFailureException("'" + folder + "' is not a GenAI model folder: it has no " + CONFIG_FILE);
        }
        try {
            JsonNode root = JSON.readTree(config.toFile());
            int context = root.path("model").path("context_length").asInt(0);
            if (context < 1) {
                throw new EngineFailureException(config + " has no positive model.context_length");
            }
            int searchMax = root.path("search").path("max_length").asInt(0);
            int defaultMax = searchMax > 0 ? Math.min(searchMax, context) : context;
            boolean chatTemplate = chatTemplateIn(folder.resolve("tokenizer_config.json"));
            return new GenAiModelFolder(folder, context, defaultMax, chatTemplate);
        } catch (IOException e) {
            throw new EngineFailureException("cannot read " + config + ": " + e.getMessage(), e);
        }
    }

    private static boolean chatTemplateIn(Path tokenizerConfig) throws IOException {
        if (!Files.isRegularFile(tokenizerConfig)) {
            return false;
        }
        JsonNode template = JSON.readTree(tokenizerConfig.toFile()).path("chat_template");
        return (template.isTextual() && !template.asText().isBlank()) || (template.isArray() && !template.isEmpty());
    }
}
