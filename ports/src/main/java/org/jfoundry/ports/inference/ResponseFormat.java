package org.jfoundry.ports.inference;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jfoundry.ports.failure.InvalidRequestException;

/**
 * The OpenAI {@code response_format}: free text, or JSON following a schema. JSON mode ({@code json_object}) is the
 * schema {@code {"type": "object"}}, so engines know one way to constrain output.
 */
public sealed interface ResponseFormat {

    Text TEXT = new Text();
    JsonSchemaFormat JSON_OBJECT = new JsonSchemaFormat("json_object", "{\"type\":\"object\"}",
            new JsonSchema.ObjectSchema(List.of(), true), false);

    record Text() implements ResponseFormat {
    }

    /**
     * @param name       the schema's name (OpenAI: letters, digits, underscores and dashes, at most 64)
     * @param schemaJson the schema as JSON text, for engines that take a schema as text (GenAI's guidance)
     * @param schema     the same schema, parsed
     * @param strict     whether the client asked for strict adherence; output always adheres here
     */
    record JsonSchemaFormat(String name, String schemaJson, JsonSchema schema, boolean strict)
            implements ResponseFormat {
        private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

        public JsonSchemaFormat {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new InvalidRequestException("response_format.json_schema.name must be 1 to 64 letters, digits,"
                        + " underscores or dashes, got " + (name == null ? "none" : "'" + name + "'"),
                        "response_format");
            }
            Objects.requireNonNull(schemaJson, "schemaJson");
            Objects.requireNonNull(schema, "schema");
        }
    }
}
