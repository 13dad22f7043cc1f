package org.jfoundry.adapters.ort.genai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.jfoundry.ports.inference.ChatMessage;
import org.jfoundry.ports.inference.ChatTools;
import org.jfoundry.ports.inference.JsonSchema;
import org.jfoundry.ports.inference.Prompt;
import org.jfoundry.ports.inference.ToolCall;
import org.jfoundry.ports.inference.ToolChoice;
import org.jfoundry.ports.inference.ToolDefinition;
import org.junit.jupiter.api.Test;

class PromptRenderingTest {

    private static final String PLAIN_TEMPLATE = "{% for m in messages %}{{ m.content }}{% endfor %}";
    private static final String TOOLS_TEMPLATE = "{% if tools %}{{ tools | tojson }}{% endif %}"
            + "{% for m in messages %}{{ m.content }}{{ m.tool_calls }}{% endfor %}";
    private static final ChatTools TOOLS = new ChatTools(List.of(new ToolDefinition("f", "does f",
            "{\"type\":\"object\"}", JsonSchema.parse(Map.of("type", "object"), "tools"), false)),
            ToolChoice.AUTO, true);
    private static final List<ChatMessage> CALLED = List.of(ChatMessage.user("go"),
            ChatMessage.assistant("", List.of(new ToolCall("call_1", "f", "{\"x\":1}"))),
            ChatMessage.tool("call_1", "done"));

    private final List<ChatMessage> conversation =
            List.of(ChatMessage.system("Be brief."), ChatMessage.user("Hi \"you\""));

    @Test
    void messagesBecomeTheJsonArrayGenAisTemplateFunctionTakes() {
        assertThat(PromptRendering.messagesJson(new Prompt.Chat(conversation), PLAIN_TEMPLATE))
                .isEqualTo("[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                        + "{\"role\":\"user\",\"content\":\"Hi \\\"you\\\"\"}]");
    }

    @Test
    void aTemplateThatRendersToolsGetsThemAndTheCallsAsHuggingFacePassesThem() {
        Prompt.Chat chat = new Prompt.Chat(CALLED, TOOLS);

        assertThat(PromptRendering.toolsJson(chat, TOOLS_TEMPLATE)).isEqualTo("[{\"type\":\"function\",\"function\":"
                + "{\"name\":\"f\",\"description\":\"does f\",\"parameters\":{\"type\":\"object\"}}}]");
        assertThat(PromptRendering.messagesJson(chat, TOOLS_TEMPLATE)).isEqualTo("[{\"role\":\"user\",\"content\":"
                + "\"go\"},{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"id\":\"call_1\",\"type\":"
                + "\"function\",\"function\":{\"name\":\"f\",\"arguments\":{\"x\":1}}}]},{\"role\":\"tool\","
                + "\"content\":\"done\",\"tool_call_id\":\"call_1\"}]");
    }

    @Test
    void anyOtherTemplateGetsTheHermesFallbackAndNoTools() {
        Prompt.Chat chat = new Prompt.Chat(CALLED, TOOLS);

        assertThat(PromptRendering.toolsJson(chat, PLAIN_TEMPLATE)).isNull();
        assertThat(PromptRendering.messagesJson(chat, PLAIN_TEMPLATE)).startsWith("[{\"role\":\"system\","
                + "\"content\":\"# Tools").contains("<tool_call>\\n{\\\"name\\\":\\\"f\\\",\\\"arguments\\\":{\\\"x\\\":1}}"
                + "\\n</tool_call>", "<tool_response>\\ndone\\n</tool_response>");
    }
}
