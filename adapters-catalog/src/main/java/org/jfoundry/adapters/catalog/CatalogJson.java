package org.jfoundry.adapters.catalog;

import static org.jfoundry.adapters.catalog.JsonSupport.MAPPER;
import static org.jfoundry.adapters.catalog.JsonSupport.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.DeviceType;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.model.ModelRuntime;
import org.jfoundry.ports.model.PromptTemplate;

/**
 * The catalog model's JSON shape (an element of {@code /foundry/list}), read by local catalogs and the saved
 * {@code foundry.modelinfo.json}, and written for the latter. Reading is lenient where the real catalog is
 * (numbers as strings, a prompt template as a JSON string) and strict where a wrong value would mislead.
 */
final class CatalogJson {
    private static final TypeReference<List<Map<String, Object>>> PARAMETERS = new TypeReference<>() {
    };

    private CatalogJson() {
    }

    /** Reads one entry; fails with {@link IllegalArgumentException} (or the ports' typed failure) saying what is wrong. */
    static CatalogModel read(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a catalog entry must be a JSON object");
        }
        ModelId id = id(node);
        String uri = text(node, "uri");
        if (uri == null) {
            throw new IllegalArgumentException("'uri' is missing");
        }
        return new CatalogModel(
                id,
                text(node, "displayName"),
                orElse(text(node, "providerType"), "AzureFoundry"),
                uri,
                orElse(text(node, "modelType"), "ONNX"),
                promptTemplate(node.get("promptTemplate")),
                text(node, "publisher"),
                text(node, "task"),
                runtime(node.get("runtime")),
                fileSizeMb(node),
                parameters(node),
                text(node, "alias"),
                bool(text(node, "supportsToolCalling")),
                text(node, "license"),
                text(node, "licenseDescription"),
                text(node, "parentModelUri"),
                integer(text(node, "maxOutputTokens"), "maxOutputTokens"),
                text(node, "minFLVersion"));
    }

    static ArrayNode writeAll(List<CatalogModel> models) {
        ArrayNode array = MAPPER.createArrayNode();
        models.forEach(model -> array.add(write(model)));
        return array;
    }

    static ObjectNode write(CatalogModel model) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("name", model.id().toString());
        node.put("displayName", model.displayName());
        node.put("providerType", model.providerType());
        node.put("uri", model.uri());
        node.put("version", model.version());
        node.put("modelType", model.modelType());
        if (model.promptTemplate() == null) {
            node.putNull("promptTemplate");
        } else {
            node.set("promptTemplate", writeTemplate(model.promptTemplate()));
        }
        node.put("publisher", model.publisher());
        node.put("task", model.task());
        ObjectNode runtime = node.putObject("runtime");
        runtime.put("deviceType", model.runtime().deviceType().name());
        runtime.put("executionProvider", model.runtime().executionProvider().ortName());
        node.put("fileSizeMb", model.fileSizeMb());
        node.putObject("modelSettings").set("parameters", MAPPER.valueToTree(model.modelSettingsParameters()));
        node.put("alias", model.alias());
        node.put("supportsToolCalling", model.supportsToolCalling());
        node.put("license", model.license());
        node.put("licenseDescription", model.licenseDescription());
        node.put("parentModelUri", model.parentModelUri());
        if (model.maxOutputTokens() == null) {
            node.putNull("maxOutputTokens");
        } else {
            node.put("maxOutputTokens", model.maxOutputTokens());
        }
        node.put("minFLVersion", model.minFLVersion());
        return node;
    }

    static ObjectNode writeTemplate(PromptTemplate template) {
        ObjectNode node = MAPPER.createObjectNode();
        putIfPresent(node, "system", template.system());
        putIfPresent(node, "user", template.user());
        putIfPresent(node, "assistant", template.assistant());
        putIfPresent(node, "prompt", template.prompt());
        return node;
    }

    /** Accepts an object or, as the Foundry catalog's tags hold it, a JSON string of one; keys in any case. */
    static PromptTemplate promptTemplate(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        JsonNode object = node;
        if (node.isTextual()) {
            if (node.asText().isBlank()) {
                return null;
            }
            try {
                object = MAPPER.readTree(node.asText());
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("promptTemplate is not valid JSON: " + e.getOriginalMessage());
            }
        }
        if (!object.isObject()) {
            throw new IllegalArgumentException("promptTemplate must be an object");
        }
        PromptTemplate template = new PromptTemplate(anyCase(object, "system"), anyCase(object, "user"),
                anyCase(object, "assistant"), anyCase(object, "prompt"));
        return template.isEmpty() ? null : template;
    }

    private static String anyCase(JsonNode object, String key) {
        for (var fields = object.properties().iterator(); fields.hasNext(); ) {
            var field = fields.next();
            if (field.getKey().equalsIgnoreCase(key) && field.getValue().isTextual()) {
                return field.getValue().asText();
            }
        }
        return null;
    }

    private static ModelId id(JsonNode node) {
        String name = text(node, "name");
        if (name == null) {
            throw new IllegalArgumentException("'name' is missing");
        }
        if (ModelId.isFullId(name)) {
            return ModelId.parse(name);
        }
        String version = text(node, "version");
        if (version == null) {
            throw new IllegalArgumentException("'" + name + "' has no version: give 'name' as <name>:<version> or a 'version'");
        }
        return new ModelId(name, version);
    }

    private static ModelRuntime runtime(JsonNode node) {
        if (node == null || node.isNull()) {
            return ModelRuntime.CPU;
        }
        String provider = text(node, "executionProvider");
        ExecutionProvider ep = provider == null ? ExecutionProvider.CPU : ExecutionProvider.find(provider)
                .orElseThrow(() -> new IllegalArgumentException("unknown executionProvider '" + provider + "'"));
        String device = text(node, "deviceType");
        try {
            return new ModelRuntime(device == null ? ep.typicalDevice() : DeviceType.parse(device), ep);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown deviceType '" + device + "'; expected CPU, GPU or NPU");
        }
    }

    private static long fileSizeMb(JsonNode node) {
        String size = text(node, "fileSizeMb");
        if (size == null) {
            return 0;
        }
        try {
            long value = (long) Double.parseDouble(size);
            if (value < 0) {
                throw new IllegalArgumentException("fileSizeMb must not be negative");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fileSizeMb '" + size + "' is not a number");
        }
    }

    private static List<Map<String, Object>> parameters(JsonNode node) {
        JsonNode parameters = JsonSupport.path(node, "modelSettings", "parameters");
        if (parameters == null || !parameters.isArray()) {
            return List.of();
        }
        return MAPPER.convertValue(parameters, PARAMETERS);
    }

    static boolean bool(String text) {
        return text != null && text.trim().equalsIgnoreCase("true");
    }

    static Integer integer(String text, String field) {
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " '" + text + "' is not a whole number");
        }
    }

    private static String orElse(String text, String fallback) {
        return text == null ? fallback : text;
    }

    private static void putIfPresent(ObjectNode node, String key, String value) {
        if (value != null) {
            node.put(key, value);
        }
    }

    /** Wraps a mapping failure of entry {@code index} in the typed failure the ports use for bad input. */
    static InvalidRequestException badEntry(String where, int index, JsonNode entry, RuntimeException cause) {
        String name = entry == null ? null : text(entry, "name");
        return new InvalidRequestException(where + ": entry " + index + (name == null ? "" : " ('" + name + "')")
                + " is invalid: " + cause.getMessage(), "catalog");
    }
}
