package org.jfoundry.ports.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.junit.jupiter.api.Test;

class ChatToolsTest {

    private static ToolDefinition tool(String name) {
        return new ToolDefinition(name, "does " + name, "{\"type\":\"object\"}",
                JsonSchema.parse(Map.of("type", "object"), "tools"), false);
    }

    @Test
    void aForcedChoiceIsActiveAndCallsOnlyTheNamedFunction() {
        ChatTools tools = new ChatTools(List.of(tool("a"), tool("b")), new ToolChoice.Function("b"), false);

        assertThat(tools.active()).isTrue();
        assertThat(tools.forced()).isTrue();
        assertThat(tools.callable()).extracting(ToolDefinition::name).containsExactly("b");
    }

    @Test
    void noneKeepsTheToolsButCallsNothing() {
        ChatTools tools = new ChatTools(List.of(tool("a")), ToolChoice.NONE, true);

        assertThat(tools.active()).isFalse();
        assertThat(tools.forced()).isFalse();
    }

    @Test
    void choosingAFunctionThatIsNotDefinedIsRefused() {
        assertThatThrownBy(() -> new ChatTools(List.of(tool("a")), new ToolChoice.Function("b"), true))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("'b'")
                .extracting(e -> ((InvalidRequestException) e).param()).isEqualTo("tool_choice");
    }

    @Test
    void requiringACallWithoutToolsIsRefused() {
        assertThatThrownBy(() -> new ChatTools(List.of(), ToolChoice.REQUIRED, true))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("tools is empty");
    }

    @Test
    void twoToolsOfOneNameAreRefused() {
        assertThatThrownBy(() -> new ChatTools(List.of(tool("a"), tool("a")), ToolChoice.AUTO, true))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("'a' twice");
    }

    @Test
    void aToolNameOutsideOpenAisAlphabetIsRefused() {
        assertThatThrownBy(() -> tool("get weather")).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void onlyAnAssistantMessageCarriesToolCallsAndOnlyAToolMessageAnAnsweredId() {
        ToolCall call = new ToolCall("call_1", "a", "{}");

        assertThat(ChatMessage.assistant("", List.of(call)).toolCalls()).containsExactly(call);
        assertThat(ChatMessage.tool("call_1", "42").toolCallId()).isEqualTo("call_1");
        assertThatThrownBy(() -> new ChatMessage(Role.USER, "", List.of(call), null))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> new ChatMessage(Role.USER, "", List.of(), "call_1"))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void aForcedCallCannotAlsoFollowAResponseFormat() {
        ChatTools tools = new ChatTools(List.of(tool("a")), ToolChoice.REQUIRED, true);
        GenerationParameters json = GenerationParameters.defaults().withResponseFormat(ResponseFormat.JSON_OBJECT);

        assertThatThrownBy(() -> new ChatCompletionRequest("m", List.of(ChatMessage.user("hi")), tools, json, null))
                .isInstanceOf(InvalidRequestException.class)
                .extracting(e -> ((InvalidRequestException) e).param()).isEqualTo("response_format");
        assertThat(new ChatCompletionRequest("m", List.of(ChatMessage.user("hi")), tools, null, null).prompt())
                .isEqualTo(new Prompt.Chat(List.of(ChatMessage.user("hi")), tools));
    }
}
