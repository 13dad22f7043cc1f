package org.jfoundry.adapters.ort.completion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.inference.ChatMessage;
import org.jfoundry.ports.inference.ChatTools;
import org.jfoundry.ports.inference.GenerationParameters;
import org.jfoundry.ports.inference.JsonSchema;
import org.jfoundry.ports.inference.Prompt;
import org.jfoundry.ports.inference.ResponseFormat;
import org.jfoundry.ports.inference.ToolChoice;
import org.jfoundry.ports.inference.ToolDefinition;
import org.junit.jupiter.api.Test;

class ToolCallFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ToolDefinition tool(String name, String parameters) throws Exception {
        Map<String, Object> tree = JSON.readValue(parameters, new TypeReference<>() { });
        return new ToolDefinition(name, "", parameters, JsonSchema.parse(tree, "tools"), false);
    }

    private static Prompt.Chat chat(ChatTools tools) {
        return new Prompt.Chat(List.of(ChatMessage.user("go")), tools);
    }

    @Test
    void aNamedFunctionConstrainsTheOutputToOneCallOfIt() throws Exception {
        ChatTools tools = new ChatTools(List.of(tool("a", "{\"type\":\"object\"}"),
                tool("b", "{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"integer\"}}}")),
                new ToolChoice.Function("b"), true);

        GenerationParameters constrained = ToolCallFormat.apply(chat(tools), GenerationParameters.defaults());

        var format = (ResponseFormat.JsonSchemaFormat) constrained.responseFormat();
        assertThat(JSON.readTree(format.schemaJson())).isEqualTo(JSON.readTree("{\"type\":\"object\",\"properties\":"
                + "{\"name\":{\"const\":\"b\"},\"arguments\":{\"type\":\"object\",\"properties\":{\"x\":"
                + "{\"type\":\"integer\"}}}},\"required\":[\"name\",\"arguments\"],\"additionalProperties\":false}"));
    }

    @Test
    void requiredOffersEveryToolAndKeepsASingleToolsDefinitionsResolvable() throws Exception {
        ChatTools both = new ChatTools(List.of(tool("a", "{\"type\":\"object\"}"), tool("b", "{}")),
                ToolChoice.REQUIRED, true);
        var format = (ResponseFormat.JsonSchemaFormat) ToolCallFormat.apply(chat(both),
                GenerationParameters.defaults()).responseFormat();
        assertThat(JSON.readTree(format.schemaJson()).path("anyOf")).hasSize(2);

        ChatTools withDefinitions = new ChatTools(List.of(tool("a", "{\"type\":\"object\",\"properties\":{\"p\":"
                + "{\"$ref\":\"#/$defs/point\"}},\"$defs\":{\"point\":{\"type\":\"integer\"}}}")),
                ToolChoice.REQUIRED, true);
        var moved = (ResponseFormat.JsonSchemaFormat) ToolCallFormat.apply(chat(withDefinitions),
                GenerationParameters.defaults()).responseFormat();
        assertThat(JSON.readTree(moved.schemaJson()).at("/$defs/point/type").asText()).isEqualTo("integer");
    }

    @Test
    void severalCallableToolsWithDefinitionsMustBeNamedOneAtATime() throws Exception {
        String withDefinitions = "{\"type\":\"object\",\"$defs\":{\"d\":{\"type\":\"string\"}}}";
        ChatTools tools = new ChatTools(List.of(tool("a", withDefinitions), tool("b", withDefinitions)),
                ToolChoice.REQUIRED, true);

        assertThatThrownBy(() -> ToolCallFormat.apply(chat(tools), GenerationParameters.defaults()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("name the function");
    }

    @Test
    void autoAndNoneLeaveTheParametersAlone() throws Exception {
        GenerationParameters parameters = GenerationParameters.defaults();
        for (var choice : List.of(ToolChoice.AUTO, ToolChoice.NONE)) {
            ChatTools tools = new ChatTools(List.of(tool("a", "{}")), choice, true);
            assertThat(ToolCallFormat.apply(chat(tools), parameters)).isSameAs(parameters);
        }
    }
}
