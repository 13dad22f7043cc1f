package org.jfoundry.adapters.cli.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.CatalogModelFields;
import org.jfoundry.ports.model.PromptTemplate;

/** Reads and writes catalog entries in the camelCase shape of {@code /foundry/list}; the ports own the field mapping. */
public final class CatalogJson {
    private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {
    };

    private CatalogJson() {
    }

    /**
     * Reads every entry of a {@code /foundry/list} array. Entries this client cannot represent (an unknown execution
     * provider, a malformed id) are skipped, as the service might know providers this CLI does not. Read with
     * jackson-jr: {@code model list} would spend ~40 ms starting databind, and more converting each entry with it.
     */
    public static List<CatalogModel> readList(byte[] json) throws IOException {
        List<CatalogModel> models = new ArrayList<>();
        if (JSON.std.anyFrom(json) instanceof List<?> entries) {
            for (Object entry : entries) {
                if (entry instanceof Map<?, ?> fields) {
                    read(fields).ifPresent(models::add);
                }
            }
        }
        return models;
    }

    static Optional<CatalogModel> read(JsonNode entry) {
        return entry.isObject() ? read(Databind.MAPPER.convertValue(entry, FIELDS)) : Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static Optional<CatalogModel> read(Map<?, ?> fields) {
        try {
            return Optional.of(CatalogModelFields.fromFields((Map<String, Object>) fields, CatalogJson::parse));
        } catch (RuntimeException unrepresentable) {
            return Optional.empty();
        }
    }

    /** The entry as {@code /foundry/list} shows it, for {@code --json} output and {@code model info}. */
    public static ObjectNode write(CatalogModel model) {
        return Databind.MAPPER.convertValue(CatalogModelFields.toFields(model), ObjectNode.class);
    }

    static ObjectNode promptTemplate(PromptTemplate template) {
        return Databind.MAPPER.convertValue(CatalogModelFields.templateFields(template), ObjectNode.class);
    }

    private static Object parse(String json) {
        try {
            return Databind.MAPPER.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    /** Loaded on first use (see {@link #readList}). */
    private static final class Databind {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
}
