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
import org.jfoundry.ports.model.CatalogModelFields;
import org.jfoundry.ports.model.PromptTemplate;

/**
 * The catalog model's JSON shape (an element of {@code /foundry/list}), read by local catalogs and the saved
 * {@code foundry.modelinfo.json}, and written for the latter. The field mapping and its leniency live in
 * {@link CatalogModelFields}; this class only moves between Jackson trees and those fields.
 */
final class CatalogJson {
    private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {
    };

    private CatalogJson() {
    }

    /** Reads one entry; fails with the ports' typed failure (or {@link IllegalArgumentException}) saying what is wrong. */
    static CatalogModel read(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a catalog entry must be a JSON object");
        }
        return CatalogModelFields.fromFields(MAPPER.convertValue(node, FIELDS), CatalogJson::parse);
    }

    static ArrayNode writeAll(List<CatalogModel> models) {
        return MAPPER.valueToTree(models.stream().map(CatalogModelFields::toFields).toList());
    }

    /** The template as {@code inference_model.json} holds it: only the parts there are. */
    static ObjectNode writeTemplate(PromptTemplate template) {
        ObjectNode node = MAPPER.createObjectNode();
        CatalogModelFields.templateFields(template).forEach((part, text) -> {
            if (text != null) {
                node.put(part, (String) text);
            }
        });
        return node;
    }

    /** Accepts an object or, as the Foundry catalog's tags hold it, a JSON string of one; keys in any case. */
    static PromptTemplate promptTemplate(JsonNode node) {
        return CatalogModelFields.promptTemplate(node == null ? null : MAPPER.convertValue(node, Object.class),
                CatalogJson::parse);
    }

    private static Object parse(String json) {
        try {
            return MAPPER.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    /** Wraps a mapping failure of entry {@code index} in the typed failure the ports use for bad input. */
    static InvalidRequestException badEntry(String where, int index, JsonNode entry, RuntimeException cause) {
        String name = entry == null ? null : text(entry, "name");
        return new InvalidRequestException(where + ": entry " + index + (name == null ? "" : " ('" + name + "')")
                + " is invalid: " + cause.getMessage(), "catalog");
    }
}
