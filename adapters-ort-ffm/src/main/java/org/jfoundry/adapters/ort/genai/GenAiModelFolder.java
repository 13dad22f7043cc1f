package org.jfoundry.adapters.ort.genai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jfoundry.ports.failure.EngineFailureException;

/**
 * What the engine reads from a model folder itself, beside what GenAI reads: the length limits, and whether the
 * tokenizer's chat template (GenAI can only render a conversation with one; its text tells whether the template
 * renders tools itself).
 *
 * @param contextLength   {@code model.context_length}
 * @param defaultMaxLength {@code search.max_length}, or the context length when 0 or absent
 * @param chatTemplate     {@code chat_template} of {@code tokenizer_config.json} (the "default" one of a list), or null
 */
record GenAiModelFolder(Path folder, int contextLength, int defaultMaxLength, String chatTemplate) {

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
            String chatTemplate = chatTemplateIn(folder.resolve("tokenizer_config.json"));
            return new GenAiModelFolder(folder, context, defaultMax, chatTemplate);
        } catch (IOException e) {
            throw new EngineFailureException("cannot read " + config + ": " + e.getMessage(), e);
        }
    }

    boolean hasChatTemplate() {
        return chatTemplate != null;
    }

    private static String chatTemplateIn(Path tokenizerConfig) throws IOException {
        if (!Files.isRegularFile(tokenizerConfig)) {
            return null;
        }
        JsonNode template = JSON.readTree(tokenizerConfig.toFile()).path("chat_template");
        if (template.isTextual() && !template.asText().isBlank()) {
            return template.asText();
        }
        for (JsonNode named : template.isArray() ? template : JSON.createArrayNode()) {
            if ("default".equals(named.path("name").asText())) {
                return named.path("template").asText();
            }
        }
        return template.isArray() && !template.isEmpty() ? template.get(0).path("template").asText() : null;
    }
}
