package org.jfoundry.ports.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jfoundry.ports.failure.InvalidRequestException;

/**
 * A catalog model as the fields of one element of {@code /foundry/list}, so that every adapter reads and writes that
 * shape the same way with its own JSON library (values are JSON-like: String, Number, Boolean, List, Map or null).
 * <p>
 * Reading is lenient where real catalogs are (numbers and booleans given as strings, a bare {@code name} with a separate
 * {@code version}, provider and device names in any case, prompt-template keys in any case, a prompt template held as a
 * JSON string when a JSON reader is given) and strict where a wrong value would mislead: a bad entry fails with an
 * {@link InvalidRequestException} whose {@link InvalidRequestException#param() param} names the field.
 */
public final class CatalogModelFields {
    private static final String PROMPT_TEMPLATE = "promptTemplate";
    /** The publisher shown for an entry that names none (a hand-written local catalog entry, say). */
    public static final String LOCAL_PUBLISHER = "local";
    /** The task shown for an entry that names none: what a model without one is served as. */
    public static final String DEFAULT_TASK = "chat-completion";
    /** Foundry's variant suffix ({@code -generic-cpu}, {@code -cuda-gpu}, ...), which an alias leaves out. */
    private static final Pattern VARIANT_SUFFIX = Pattern.compile("-[a-z0-9]+-(cpu|gpu|npu)$");

    private CatalogModelFields() {
    }

    /**
     * The entry in the contract's field order. Every field the Foundry SDKs require is filled, because they reject
     * the whole list over one null (foundry-local-sdk for Python validates each entry with pydantic): a missing alias
     * is {@link #aliasFor derived from the name}, publisher {@value #LOCAL_PUBLISHER}, task {@value #DEFAULT_TASK},
     * provider type {@code AzureFoundry} and model type {@code ONNX} (as reading assumes them),
     * license, its description and the parent model's uri empty. Only the prompt template, maxOutputTokens and
     * minFLVersion, which the SDKs accept as null, stay null when absent.
     */
    public static Map<String, Object> toFields(CatalogModel model) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", model.id().toString());
        fields.put("displayName", model.displayName());
        fields.put("providerType", orElse(model.providerType(), "AzureFoundry"));
        fields.put("uri", model.uri());
        fields.put("version", model.version());
        fields.put("modelType", orElse(model.modelType(), "ONNX"));
        fields.put(PROMPT_TEMPLATE, model.promptTemplate() == null ? null : templateFields(model.promptTemplate()));
        fields.put("publisher", orElse(model.publisher(), LOCAL_PUBLISHER));
        fields.put("task", orElse(model.task(), DEFAULT_TASK));
        Map<String, Object> runtime = new LinkedHashMap<>();
        runtime.put("deviceType", model.runtime().deviceType().name());
        runtime.put("executionProvider", model.runtime().executionProvider().ortName());
        fields.put("runtime", runtime);
        fields.put("fileSizeMb", model.fileSizeMb());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("parameters", model.modelSettingsParameters());
        fields.put("modelSettings", settings);
        fields.put("alias", orElse(model.alias(), aliasFor(model.id())));
        fields.put("supportsToolCalling", model.supportsToolCalling());
        fields.put("license", orElse(model.license(), ""));
        fields.put("licenseDescription", orElse(model.licenseDescription(), ""));
        fields.put("parentModelUri", orElse(model.parentModelUri(), ""));
        fields.put("maxOutputTokens", model.maxOutputTokens());
        fields.put("minFLVersion", model.minFLVersion());
        return fields;
    }

    /**
     * The alias an entry without one goes by: its name in lower case without Foundry's variant suffix
     * ({@code My-Model-generic-cpu:1} is {@code my-model}), so it can be asked for by alias like any other.
     */
    public static String aliasFor(ModelId id) {
        String name = id.name().toLowerCase(Locale.ROOT);
        String alias = VARIANT_SUFFIX.matcher(name).replaceFirst("");
        return alias.isEmpty() ? name : alias;
    }

    /** All four parts, missing ones as nulls, as {@code /foundry/list} shows a template. */
    public static Map<String, Object> templateFields(PromptTemplate template) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("system", template.system());
        fields.put("user", template.user());
        fields.put("assistant", template.assistant());
        fields.put("prompt", template.prompt());
        return fields;
    }

    /** Reads one entry whose prompt template, if any, is an object; see {@link #fromFields(Map, Function)}. */
    public static CatalogModel fromFields(Map<String, ?> fields) {
        return fromFields(fields, null);
    }

    /**
     * Reads one entry. Only {@code name} (with its version) and {@code uri} are required; a missing runtime means CPU,
     * a missing device the provider's usual one, a missing provider type {@code AzureFoundry}, a missing model type
     * {@code ONNX}, a missing alias the one {@link #aliasFor derived from the name}.
     *
     * @param jsonReader parses a prompt template given as a JSON string (as the Foundry catalog's tags hold it) into
     *                   fields; null refuses such templates
     */
    public static CatalogModel fromFields(Map<String, ?> fields, Function<String, ?> jsonReader) {
        if (fields == null) {
            throw new InvalidRequestException("a catalog entry must be a JSON object");
        }
        ModelId id = id(fields);
        String uri = text(fields, "uri");
        if (uri == null) {
            throw new InvalidRequestException("'uri' is missing", "uri");
        }
        return new CatalogModel(
                id,
                text(fields, "displayName"),
                orElse(text(fields, "providerType"), "AzureFoundry"),
                uri,
                orElse(text(fields, "modelType"), "ONNX"),
                promptTemplate(fields.get(PROMPT_TEMPLATE), jsonReader),
                named("publisher", () -> safeOrNull(text(fields, "publisher"), "publisher")),
                text(fields, "task"),
                runtime(fields.get("runtime")),
                fileSizeMb(text(fields, "fileSizeMb")),
                parameters(fields.get("modelSettings")),
                named("alias", () -> orElse(safeOrNull(text(fields, "alias"), "alias"), aliasFor(id))),
                flag(fields.get("supportsToolCalling")),
                text(fields, "license"),
                text(fields, "licenseDescription"),
                text(fields, "parentModelUri"),
                wholeNumber(fields.get("maxOutputTokens"), "maxOutputTokens"),
                text(fields, "minFLVersion"));
    }

    /**
     * A template from an object (keys in any case, only text parts count) or from a JSON string of one; null when
     * absent, blank or without any part.
     *
     * @param jsonReader parses a JSON string into fields; null refuses templates given as text
     */
    public static PromptTemplate promptTemplate(Object value, Function<String, ?> jsonReader) {
        if (value == null) {
            return null;
        }
        Object object = value;
        if (value instanceof String text) {
            if (text.isBlank()) {
                return null;
            }
            if (jsonReader == null) {
                throw new InvalidRequestException("promptTemplate must be an object, not text", PROMPT_TEMPLATE);
            }
            try {
                object = jsonReader.apply(text);
            } catch (RuntimeException e) {
                throw new InvalidRequestException("promptTemplate is not valid JSON: " + e.getMessage(), PROMPT_TEMPLATE);
            }
        }
        if (!(object instanceof Map<?, ?> parts)) {
            throw new InvalidRequestException("promptTemplate must be an object", PROMPT_TEMPLATE);
        }
        PromptTemplate template = new PromptTemplate(anyCase(parts, "system"), anyCase(parts, "user"),
                anyCase(parts, "assistant"), anyCase(parts, "prompt"));
        return template.isEmpty() ? null : template;
    }

    /** True only for {@code true} or the text "true" in any case; catalogs often hold flags as strings. */
    public static boolean flag(Object value) {
        String text = scalar(value);
        return text != null && text.trim().equalsIgnoreCase("true");
    }

    /** A whole number given as a number or as text; null when absent or blank. */
    public static Integer wholeNumber(Object value, String field) {
        String text = scalar(value);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(field + " '" + text + "' is not a whole number", field);
        }
    }

    private static ModelId id(Map<String, ?> fields) {
        String name = text(fields, "name");
        if (name == null) {
            throw new InvalidRequestException("'name' is missing", "name");
        }
        if (ModelId.isFullId(name)) {
            return named("name", () -> ModelId.parse(name));
        }
        String version = text(fields, "version");
        if (version == null) {
            throw new InvalidRequestException(
                    "'" + name + "' has no version: give 'name' as <name>:<version> or a 'version'", "version");
        }
        return named("name", () -> new ModelId(name, version));
    }

    private static ModelRuntime runtime(Object value) {
        if (value == null) {
            return ModelRuntime.CPU;
        }
        if (!(value instanceof Map<?, ?> runtime)) {
            throw new InvalidRequestException("runtime must be an object with deviceType and executionProvider", "runtime");
        }
        String provider = text(runtime, "executionProvider");
        ExecutionProvider ep = provider == null ? ExecutionProvider.CPU : ExecutionProvider.find(provider)
                .orElseThrow(() -> new InvalidRequestException("unknown executionProvider '" + provider + "'",
                        "runtime.executionProvider"));
        String device = text(runtime, "deviceType");
        if (device == null) {
            return new ModelRuntime(ep.typicalDevice(), ep);
        }
        try {
            return new ModelRuntime(DeviceType.parse(device), ep);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("unknown deviceType '" + device + "'; expected CPU, GPU or NPU",
                    "runtime.deviceType");
        }
    }

    /** Sizes may come as text or with a fraction; the fraction is dropped. */
    private static long fileSizeMb(String size) {
        if (size == null) {
            return 0;
        }
        double value;
        try {
            value = Double.parseDouble(size);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("fileSizeMb '" + size + "' is not a number", "fileSizeMb");
        }
        if ((long) value < 0) {
            throw new InvalidRequestException("fileSizeMb must not be negative", "fileSizeMb");
        }
        return (long) value;
    }

    /** Settings are passed through untouched; anything but a list of objects under them counts as none. */
    private static List<Map<String, Object>> parameters(Object settings) {
        if (!(settings instanceof Map<?, ?> map) || !(map.get("parameters") instanceof List<?> list)) {
            return List.of();
        }
        List<Map<String, Object>> parameters = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> parameter)) {
                throw new InvalidRequestException("modelSettings.parameters[" + i + "] must be an object",
                        "modelSettings.parameters");
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            parameter.forEach((key, value) -> copy.put(String.valueOf(key), value));
            parameters.add(copy);
        }
        return parameters;
    }

    private static String safeOrNull(String name, String what) {
        return name == null ? null : ModelNames.requireSafe(name, what);
    }

    /** Runs a check whose own failure does not say which field it was about, and names the field. */
    private static <T> T named(String field, Supplier<T> read) {
        try {
            return read.get();
        } catch (InvalidRequestException | IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage(), field);
        }
    }

    private static String anyCase(Map<?, ?> object, String key) {
        for (Map.Entry<?, ?> entry : object.entrySet()) {
            if (key.equalsIgnoreCase(String.valueOf(entry.getKey())) && entry.getValue() instanceof String text) {
                return text;
            }
        }
        return null;
    }

    /** The text of a field: null when missing, null, blank or not a scalar; numbers and booleans come back as text. */
    private static String text(Map<?, ?> fields, String field) {
        String text = scalar(fields.get(field));
        return text == null || text.isBlank() ? null : text;
    }

    private static String scalar(Object value) {
        return value == null || value instanceof Map<?, ?> || value instanceof List<?> ? null : String.valueOf(value);
    }

    private static String orElse(String text, String fallback) {
        return text == null ? fallback : text;
    }
}
