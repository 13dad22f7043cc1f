package org.jfoundry.adapters.cli.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.CatalogModelFields;
import org.jfoundry.ports.model.PromptTemplate;

/** Reads and writes catalog entries in the camelCase shape of {@code /foundry/list}; the ports own the field mapping. */
public final class CatalogJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {
    };

    private CatalogJson() {
    }

    /**
     * Reads every entry of a {@code /foundry/list} array. Entries this client cannot represent (an unknown execution
     * provider, a malformed id) are skipped, as the service might know providers this CLI does not.
     */
    public static List<CatalogModel> readList(JsonNode array) {
        List<CatalogModel> models = new ArrayList<>();
        for (JsonNode entry : array) {
            read(entry).ifPresent(models::add);
        }
        return models;
    }

    static Optional<CatalogModel> read(JsonNode entry) {
        if (!entry.isObject()) {
            return Optional.empty();
        }
        try {
            return Optional.of(CatalogModelFields.fromFields(JSON.convertValue(entry, FIELDS), CatalogJson::parse));
        } catch (RuntimeException unrepresentable) {
            return Optional.empty();
        }
    }

    /** The entry as {@code /foundry/list} shows it, for {@code --json} output and {@code model info}. */
    public static ObjectNode write(CatalogModel model) {
        return JSON.convertValue(CatalogModelFields.toFields(model), ObjectNode.class);
    }

    static ObjectNode promptTemplate(PromptTemplate template) {
        return JSON.convertValue(CatalogModelFields.templateFields(template), ObjectNode.class);
    }

    private static Object parse(String json) {
        try {
            return JSON.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }
}
