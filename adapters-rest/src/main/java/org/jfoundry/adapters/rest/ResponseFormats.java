package org.jfoundry.adapters.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.inference.JsonSchema;
import org.jfoundry.ports.inference.ResponseFormat;

/**
 * OpenAI's {@code response_format}: {@code text}, {@code json_object}, or {@code json_schema} with
 * {@code {"name", "schema", "strict", "description"}}. The schema is parsed by the ports' {@link JsonSchema}, which
 * answers a keyword outside the supported subset with a 400 naming it.
 */
final class ResponseFormats {

    static final String PARAM = "response_format";

    private ResponseFormats() {
    }

    static ResponseFormat read(JsonNode format) {
        if (format == null || format.isNull()) {
            return ResponseFormat.TEXT;
        }
        if (!format.isObject()) {
            throw new InvalidRequestException(PARAM + " must be an object", PARAM);
        }
        JsonNode type = format.get("type");
        if (type == null || !type.isTextual()) {
            throw new InvalidRequestException(PARAM + ".type is required (text, json_object or json_schema)", PARAM);
        }
        return switch (type.textValue()) {
            case "text" -> ResponseFormat.TEXT;
            case "json_object" -> ResponseFormat.JSON_OBJECT;
            case "json_schema" -> jsonSchema(format.get("json_schema"));
            default -> throw new InvalidRequestException("unknown " + PARAM + " type '" + type.textValue()
                    + "'; use text, json_object or json_schema", PARAM);
        };
    }

    private static ResponseFormat jsonSchema(JsonNode spec) {
        if (spec == null || !spec.isObject()) {
            throw new InvalidRequestException(PARAM + ".json_schema must be an object with name and schema", PARAM);
        }
        JsonNode name = spec.get("name");
        JsonNode schema = spec.get("schema");
        JsonNode strict = spec.get("strict");
        if (strict != null && !strict.isNull() && !strict.isBoolean()) {
            throw new InvalidRequestException(PARAM + ".json_schema.strict must be true or false", PARAM);
        }
        if (schema == null || !schema.isObject()) {
            throw new InvalidRequestException(PARAM + ".json_schema.schema is required and must be a JSON object",
                    PARAM);
        }
        Map<String, Object> tree = Json.MAPPER.convertValue(schema, new TypeReference<>() { });
        return new ResponseFormat.JsonSchemaFormat(name != null && name.isTextual() ? name.textValue() : null,
                Json.write(schema), JsonSchema.parse(tree, PARAM), strict != null && strict.asBoolean(false));
    }
}
