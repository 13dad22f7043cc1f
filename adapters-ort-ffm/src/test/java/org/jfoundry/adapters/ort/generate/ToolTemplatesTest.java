package org.jfoundry.adapters.ort.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jfoundry.adapters.ort.testmodels.TestDecoders;
import org.jfoundry.ports.inference.ChatMessage;
import org.jfoundry.ports.inference.ChatTools;
import org.jfoundry.ports.inference.JsonSchema;
import org.jfoundry.ports.inference.Prompt;
import org.jfoundry.ports.inference.ToolCall;
import org.jfoundry.ports.inference.ToolChoice;
import org.jfoundry.ports.inference.ToolDefinition;
import org.jfoundry.ports.model.PromptTemplate;
import org.junit.jupiter.api.Test;

/**
 * Tools, an assistant's tool calls and the tool's answer through chat templates copied in shape from real ones
 * ({@code src/test/resources/chat-templates}): Qwen2.5 and Llama 3.1 read the {@code tools} variable, Phi-4-mini a
 * system message's {@code tools}; SmolLM2's ChatML template reads none, so the Hermes fallback describes them.
 */
class ToolTemplatesTest {

    private static final String WEATHER_PARAMETERS =
            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}";
    private static final ChatTools TOOLS = new ChatTools(List.of(new ToolDefinition("get_weather",
            "The weather in a city", WEATHER_PARAMETERS, JsonSchema.parse(Map.of("type", "object"), "tools"), false)),
            ToolChoice.AUTO, true);
    private static final Prompt.Chat CONVERSATION = new Prompt.Chat(List.of(ChatMessage.system("Be brief."),
            ChatMessage.user("Weather in Paris?"),
            ChatMessage.assistant("", List.of(new ToolCall("call_1", "get_weather", "{\"city\": \"Paris\"}"))),
            ChatMessage.tool("call_1", "{\"celsius\": 4}")), TOOLS);
    private static final String TOOL_JSON = "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
            + "\"description\":\"The weather in a city\",\"parameters\":" + WEATHER_PARAMETERS + "}}";

    @Test
    void aQwenTemplateRendersToolsCallsAndResultsItself() throws IOException {
        String rendered = new ChatPromptRenderer(template("qwen2.5.jinja"), null, null, null).render(CONVERSATION);

        assertThat(rendered).isEqualTo("<|im_start|>system\nBe brief.\n\n# Tools\n\nYou may call one or more"
                + " functions to assist with the user query.\n\nYou are provided with function signatures within"
                + " <tools></tools> XML tags:\n<tools>\n" + TOOL_JSON + "\n</tools>\n\nFor each function call, return a"
                + " json object with function name and arguments within <tool_call></tool_call> XML tags:\n"
                + "<tool_call>\n{\"name\": <function-name>, \"arguments\": <args-json-object>}\n</tool_call><|im_end|>\n"
                + "<|im_start|>user\nWeather in Paris?<|im_end|>\n"
                + "<|im_start|>assistant\n<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\":\"Paris\"}}"
                + "\n</tool_call><|im_end|>\n"
                + "<|im_start|>user\n<tool_response>\n{\"celsius\": 4}\n</tool_response><|im_end|>\n"
                + "<|im_start|>assistant\n");
    }

    @Test
    void aLlamaTemplatePutsTheToolsInTheFirstUserMessageAndTheCallAsJson() throws IOException {
        String rendered = new ChatPromptRenderer(template("llama3.1.jinja"), "<|begin_of_text|>", null, null)
                .render(CONVERSATION);

        assertThat(rendered).isEqualTo("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n"
                + "Environment: ipython\nCutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\n"
                + "Be brief.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nGiven the following functions,"
                + " please respond with a JSON for a function call with its proper arguments that best answers the"
                + " given prompt.\n\nRespond in the format {\"name\": function name, \"parameters\": dictionary of"
                + " argument name and its value}.Do not use variables.\n\n" + TOOL_JSON + "\n\nWeather in Paris?"
                + "<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n{\"name\": \"get_weather\","
                + " \"parameters\": {\"city\":\"Paris\"}}<|eot_id|><|start_header_id|>ipython<|end_header_id|>\n\n"
                + "{\"celsius\": 4}<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n");
    }

    @Test
    void aPhi4MiniTemplateGetsTheToolsOnTheSystemMessage() throws IOException {
        String rendered = new ChatPromptRenderer(template("phi4-mini.jinja"), null, "<|endoftext|>", null)
                .render(new Prompt.Chat(List.of(ChatMessage.user("Weather in Paris?")), TOOLS));

        assertThat(rendered).isEqualTo("<|system|><|tool|>[" + TOOL_JSON + "]<|/tool|><|end|>"
                + "<|user|>Weather in Paris?<|end|><|assistant|>");
    }

    @Test
    void aTemplateWithoutToolsGetsTheHermesFallback() {
        String rendered = new ChatPromptRenderer(TestDecoders.CHAT_TEMPLATE, null, "<|im_end|>", null)
                .render(CONVERSATION);

        assertThat(rendered).isEqualTo("<|im_start|>system\nBe brief.\n\n# Tools\n\nYou may call one or more"
                + " functions. Their signatures, within <tools></tools> XML tags:\n<tools>\n" + TOOL_JSON
                + "\n</tools>\n\nFor each call, return a json object with function name and arguments within"
                + " <tool_call></tool_call> XML tags:\n<tool_call>\n{\"name\": <function-name>, \"arguments\":"
                + " <args-json-object>}\n</tool_call><|im_end|>\n"
                + "<|im_start|>user\nWeather in Paris?<|im_end|>\n"
                + "<|im_start|>assistant\n<tool_call>\n{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Paris\"}}"
                + "\n</tool_call><|im_end|>\n"
                + "<|im_start|>tool\n<tool_response>\n{\"celsius\": 4}\n</tool_response><|im_end|>\n"
                + "<|im_start|>assistant\n");
    }

    @Test
    void withoutAChatTemplateFoundrysPromptTemplateGetsTheHermesFallbackToo() {
        PromptTemplate template = new PromptTemplate("<|system|>{Content}<|end|>", "<|user|>{Content}<|end|>",
                "<|assistant|>{Content}<|end|>", "<|user|>{Content}<|end|><|assistant|>");

        String rendered = new ChatPromptRenderer(null, null, null, template)
                .render(new Prompt.Chat(List.of(ChatMessage.user("Weather in Paris?")), TOOLS));

        assertThat(rendered).startsWith("<|system|># Tools\n").contains(TOOL_JSON)
                .endsWith("<|end|><|user|>Weather in Paris?<|end|><|assistant|>");
    }

    @Test
    void toolChoiceNoneDescribesNoTools() throws IOException {
        ChatTools none = new ChatTools(TOOLS.definitions(), ToolChoice.NONE, true);

        String rendered = new ChatPromptRenderer(template("qwen2.5.jinja"), null, null, null)
                .render(new Prompt.Chat(List.of(ChatMessage.user("Hi")), none));

        assertThat(rendered).doesNotContain("get_weather").startsWith("<|im_start|>system\nYou are Qwen");
    }

    static String template(String name) throws IOException {
        try (InputStream in = ToolTemplatesTest.class.getResourceAsStream("/chat-templates/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
