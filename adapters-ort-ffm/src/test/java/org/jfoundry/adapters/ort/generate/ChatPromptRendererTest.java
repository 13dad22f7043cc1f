package org.jfoundry.adapters.ort.generate;

import org.jfoundry.adapters.ort.testmodels.TestDecoders;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.inference.ChatMessage;
import org.jfoundry.ports.inference.Prompt;
import org.jfoundry.ports.model.PromptTemplate;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChatPromptRendererTest {

    private static final Prompt.Chat CHAT = new Prompt.Chat(List.of(ChatMessage.system("Be brief."),
            ChatMessage.user("Hi"), ChatMessage.assistant("Hello!"), ChatMessage.user("Bye")));

    @Test
    void theJinjaChatTemplateGetsMessagesAndTheGenerationPrompt() {
        ChatPromptRenderer renderer = new ChatPromptRenderer(TestDecoders.CHAT_TEMPLATE, null, "<|im_end|>", null);

        assertThat(renderer.render(CHAT)).isEqualTo("""
                <|im_start|>system
                Be brief.<|im_end|>
                <|im_start|>user
                Hi<|im_end|>
                <|im_start|>assistant
                Hello!<|im_end|>
                <|im_start|>user
                Bye<|im_end|>
                <|im_start|>assistant
                """);
    }

    @Test
    void aQwenStyleTemplateWithToolBranchesRendersAPlainChat() {
        String template = """
                {%- if tools %}{{- 'tools: ' + tools | length }}{%- else %}
                {%- if messages[0]['role'] == 'system' %}{{- '<|im_start|>system\n' + messages[0]['content'] + '<|im_end|>\n' }}
                {%- else %}{{- '<|im_start|>system\nYou are Qwen.<|im_end|>\n' }}{%- endif %}{%- endif %}
                {%- for message in messages %}
                {%- if (message.role == "user") or (message.role == "system" and not loop.first) or (message.role == "assistant" and not message.tool_calls) %}
                {{- '<|im_start|>' + message.role + '\n' + message.content + '<|im_end|>' + '\n' }}
                {%- elif message.role == "tool" %}{{- '<tool_response>' }}{%- endif %}
                {%- endfor %}
                {%- if add_generation_prompt %}{{- '<|im_start|>assistant\n' }}{%- endif %}
                """;

        assertThat(new ChatPromptRenderer(template, null, null, null).render(new Prompt.Chat(List.of(
                ChatMessage.user("Hi"), ChatMessage.assistant("Hello!"), ChatMessage.user("Bye")))))
                .isEqualTo("<|im_start|>system\nYou are Qwen.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n"
                        + "<|im_start|>assistant\nHello!<|im_end|>\n<|im_start|>user\nBye<|im_end|>\n"
                        + "<|im_start|>assistant\n");
    }

    @Test
    void aPhi3StyleTemplateWithPlainBlocksIsTrimmedLikeHuggingFaceDoes() {
        String template = """
                {% for message in messages %}
                  {% if message['role'] == 'user' %}{{'<|user|>\n' + message['content'] + '<|end|>\n'}}{% endif %}
                  {% if message['role'] == 'assistant' %}{{'<|assistant|>\n' + message['content'] + '<|end|>\n'}}{% endif %}
                {% endfor %}
                {% if add_generation_prompt %}{{ '<|assistant|>\n' }}{% else %}{{ eos_token }}{% endif %}""";

        assertThat(new ChatPromptRenderer(template, null, "<|endoftext|>", null).render(new Prompt.Chat(List.of(
                ChatMessage.user("Hi")))))
                .isEqualTo("<|user|>\nHi<|end|>\n<|assistant|>\n");
    }

    @Test
    void bosAndEosTokensAreAvailableToTheTemplate() {
        String template = "{{ bos_token }}{% for m in messages %}[{{ m.role }}] {{ m.content }}{{ eos_token }}{% endfor %}";

        assertThat(new ChatPromptRenderer(template, "<s>", "</s>", null).render(new Prompt.Chat(List.of(
                ChatMessage.user("x"))))).isEqualTo("<s>[user] x</s>");
    }

    @Test
    void aTemplateThatRaisesAnExceptionRefusesTheRequest() {
        String template = "{% if messages[0]['role'] == 'system' %}{{ raise_exception('System role not supported') }}"
                + "{% endif %}{{ messages[0]['content'] }}";

        assertThatThrownBy(() -> new ChatPromptRenderer(template, null, null, null).render(CHAT))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("System role not supported");
    }

    @Test
    void withoutAChatTemplateTheFoundryPromptTemplateIsUsed() {
        PromptTemplate template = new PromptTemplate("<|system|>{Content}<|end|>", "<|user|>{Content}<|end|>",
                "<|assistant|>{Content}<|end|>", "<|user|>{Content}<|end|><|assistant|>");

        assertThat(new ChatPromptRenderer(null, null, null, template).render(CHAT)).isEqualTo(
                "<|system|>Be brief.<|end|><|user|>Hi<|end|><|assistant|>Hello!<|end|><|user|>Bye<|end|><|assistant|>");
    }

    @Test
    void aTextPromptIsContinuedAsItIs() {
        ChatPromptRenderer renderer = new ChatPromptRenderer(TestDecoders.CHAT_TEMPLATE, null, null, null);

        assertThat(renderer.render(new Prompt.Text("Once upon a time"))).isEqualTo("Once upon a time");
    }
}
