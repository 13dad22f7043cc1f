package org.jfoundry.adapters.ort.genai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GuidanceSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode rewritten(String schema) throws Exception {
        return JSON.readTree(GuidanceSchema.withWhitespaceRule(schema));
    }

    @Test
    @DisplayName("An object schema asks for compact JSON (whitespace_flexible false) and keeps everything else")
    void anObjectSchemaAsksForCompactJsonAndKeepsTheRest() throws Exception {
        JsonNode schema = rewritten(
                "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"}},\"required\":[\"a\"]}");

        assertThat(schema.path("x-guidance").path("whitespace_flexible").asBoolean(true)).isFalse();
        assertThat(schema.path("properties").path("a").path("type").asText()).isEqualTo("integer");
        assertThat(schema.path("required").get(0).asText()).isEqualTo("a");
    }

    @Test
    @DisplayName("A user's own x-guidance options are kept beside the whitespace option")
    void userOptionsAreKept() throws Exception {
        JsonNode schema = rewritten("{\"type\":\"object\",\"x-guidance\":{\"lenient\":true}}");

        assertThat(schema.path("x-guidance").path("lenient").asBoolean()).isTrue();
        assertThat(schema.path("x-guidance").path("whitespace_flexible").asBoolean(true)).isFalse();
    }

    @Test
    @DisplayName("A user who already chose how whitespace goes keeps that choice")
    void userWhitespaceChoiceStands() throws Exception {
        JsonNode pattern = rewritten("{\"x-guidance\":{\"whitespace_pattern\":\" ?\"}}");
        JsonNode rigid = rewritten("{\"x-guidance\":{\"whitespace_flexible\":false}}");

        assertThat(pattern.path("x-guidance").path("whitespace_pattern").asText()).isEqualTo(" ?");
        assertThat(pattern.path("x-guidance").has("whitespace_flexible")).isFalse();
        assertThat(rigid.path("x-guidance").size()).isEqualTo(1);
    }

    @Test
    @DisplayName("The schema true becomes an empty object schema that carries the whitespace option")
    void trueSchemaBecomesAnObject() throws Exception {
        JsonNode schema = rewritten("true");

        assertThat(schema.isObject()).isTrue();
        assertThat(schema.size()).isEqualTo(1);
        assertThat(schema.path("x-guidance").path("whitespace_flexible").asBoolean(true)).isFalse();
    }

    @Test
    @DisplayName("The schema false and an x-guidance that is not an object pass through unchanged")
    void otherShapesPassThrough() {
        assertThat(GuidanceSchema.withWhitespaceRule("false")).isEqualTo("false");
        assertThat(GuidanceSchema.withWhitespaceRule("{\"x-guidance\":1}")).isEqualTo("{\"x-guidance\":1}");
    }
}
