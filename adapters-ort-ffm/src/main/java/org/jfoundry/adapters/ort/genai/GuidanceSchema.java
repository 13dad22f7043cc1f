package org.jfoundry.adapters.ort.genai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jfoundry.adapters.ort.constraint.JsonWhitespace;

/**
 * The schema text handed to llguidance, kept within {@link JsonWhitespace}'s rule by its top-level
 * {@code x-guidance} options ({@code whitespace_flexible} false: compact JSON). llguidance's default whitespace is
 * unbounded, so without this a model can pad between tokens until max_tokens. A user's own {@code x-guidance} is
 * kept; if it already says how whitespace goes ({@code whitespace_pattern} or {@code whitespace_flexible}) the
 * user's choice stands.
 */
final class GuidanceSchema {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OPTIONS = "x-guidance";

    private GuidanceSchema() {
    }

    static String withWhitespaceRule(String schemaJson) {
        JsonNode schema;
        try {
            schema = JSON.readTree(schemaJson);
        } catch (JsonProcessingException e) {
            return schemaJson; // the request layer validated it; llguidance reports anything left
        }
        ObjectNode object;
        if (schema instanceof ObjectNode o) {
            object = o;
        } else if (schema != null && schema.isBoolean() && schema.booleanValue()) {
            object = JSON.createObjectNode(); // `true` and `{}` both allow any JSON value
        } else {
            return schemaJson; // `false` allows nothing: no whitespace to bound
        }
        JsonNode given = object.get(OPTIONS);
        ObjectNode options;
        if (given == null) {
            options = object.putObject(OPTIONS);
        } else if (given instanceof ObjectNode o) {
            options = o;
        } else {
            return schemaJson;
        }
        if (!options.has("whitespace_pattern") && !options.has("whitespace_flexible")) {
            options.put("whitespace_flexible", JsonWhitespace.GUIDANCE_FLEXIBLE);
        }
        return object.toString();
    }
}
