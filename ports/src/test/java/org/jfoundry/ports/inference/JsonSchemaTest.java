package org.jfoundry.ports.inference;

import java.util.List;
import java.util.Map;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonSchemaTest {

    private static JsonSchema parse(Map<String, Object> schema) {
        return JsonSchema.parse(schema, "response_format");
    }

    @Test
    void readsTheSubsetIntoATypedTree() {
        JsonSchema schema = parse(Map.of("type", "object", "title", "Person",
                "properties", Map.of("age", Map.of("type", "integer", "minimum", 0, "maximum", 150)),
                "required", List.of("age"), "additionalProperties", false));

        assertThat(schema).isEqualTo(new JsonSchema.ObjectSchema(List.of(new JsonSchema.Property("age",
                new JsonSchema.NumberSchema(true, 0L, 150L), true)), false));
    }

    @Test
    void aListOfTypesIsAnAnyOfAndEnumsKeepTheirValues() {
        assertThat(parse(Map.of("type", List.of("string", "null"))))
                .isEqualTo(new JsonSchema.AnyOf(List.of(new JsonSchema.StringSchema(0, null), new JsonSchema.NullSchema())));
        java.util.List<Object> values = new java.util.ArrayList<>(List.of("a", 1));
        values.add(null);
        assertThat(parse(Map.of("enum", values)))
                .isEqualTo(new JsonSchema.Literals(List.of("a", 1, JsonSchema.Literals.NULL)));
    }

    @Test
    void referencesResolveToTheRootsDefinitionsAndMayRecurse() {
        JsonSchema schema = parse(Map.of("$defs", Map.of("node", Map.of("type", "array",
                "items", Map.of("$ref", "#/$defs/node"))), "$ref", "#/$defs/node"));

        JsonSchema.Ref ref = (JsonSchema.Ref) schema;
        JsonSchema.ArraySchema array = (JsonSchema.ArraySchema) ref.target();
        assertThat(((JsonSchema.Ref) array.items()).target()).isSameAs(array);
    }

    @Test
    void keywordsOutsideTheSubsetAreRefusedByName() {
        assertRefused(Map.of("type", "string", "pattern", "^a"), "'pattern'");
        assertRefused(Map.of("type", "object", "properties", Map.of("n", Map.of("type", "string", "format", "email"))),
                "schema.properties.n: the keyword 'format'");
        assertRefused(Map.of("oneOf", List.of(Map.of("type", "string"))), "'oneOf'");
        assertRefused(Map.of("type", "number", "minimum", 1), "'minimum' is not supported for type number");
        assertRefused(Map.of("type", "object", "additionalProperties", Map.of("type", "string")),
                "'additionalProperties'");
        assertRefused(Map.of("$ref", "https://example.com/schema"), "local references");
    }

    @Test
    void contradictionsAndUnknownNamesAreRefused() {
        assertRefused(Map.of("type", "string", "minLength", 3, "maxLength", 2), "maxLength 2 is below minLength 3");
        assertRefused(Map.of("type", "object", "properties", Map.of(), "required", List.of("x")), "'x'");
        assertRefused(Map.of("type", "integer", "minimum", 1e30), "at most 18 digits");
        assertRefused(Map.of("type", "date"), "'date' is not a JSON Schema type");
        assertRefused(Map.of("type", "integer", "enum", List.of("a")), "no enum or const value matches");
    }

    @Test
    void jsonModeIsTheFreeFormObjectSchema() {
        ResponseFormat.JsonSchemaFormat json = (ResponseFormat.JsonSchemaFormat) ResponseFormat.JSON_OBJECT;

        assertThat(((JsonSchema.ObjectSchema) json.schema()).freeForm()).isTrue();
        assertThat(parse(Map.of("type", "object"))).isEqualTo(json.schema());
    }

    @Test
    void schemaNamesFollowOpenAisRule() {
        assertThatThrownBy(() -> new ResponseFormat.JsonSchemaFormat("has space", "{}", new JsonSchema.AnyValue(), true))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("name");
    }

    private static void assertRefused(Map<String, Object> schema, String named) {
        assertThatThrownBy(() -> parse(schema))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.param()).isEqualTo("response_format"))
                .hasMessageContaining(named);
    }
}
