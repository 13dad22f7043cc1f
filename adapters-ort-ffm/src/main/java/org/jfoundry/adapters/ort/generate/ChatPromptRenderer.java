package org.jfoundry.adapters.ort.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import org.jfoundry.adapters.ort.completion.FoundryPromptTemplate;
import org.jfoundry.adapters.ort.completion.ToolPrompts;
import org.jfoundry.ports.failure.EngineFailureException;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.inference.Prompt;
import org.jfoundry.ports.model.PromptTemplate;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a prompt into the text the model continues: a conversation through the chat template of
 * {@code tokenizer_config.json} (Jinja, rendered like Hugging Face does: trim and lstrip blocks), or, for folders
 * without one, through Foundry's {@code {Content}} prompt template. Text prompts are continued as they are. Tools,
 * assistant tool calls and tool results go through the template's own {@code tools} variable and message fields when
 * it reads {@code tools}, else through {@link ToolPrompts#hermesFallback}.
 */
final class ChatPromptRenderer {

    private static final String RAISED = "chat template refused the conversation: ";
    /**
     * {@code not x is defined} means {@code not (x is defined)} in Jinja2 (Llama 3.x templates rely on it); Jinjava
     * would test {@code not x}, so the parentheses are written out.
     */
    private static final Pattern NOT_BEFORE_TEST =
            Pattern.compile("\\bnot\\s+([\\w.]+(?:\\[[^\\]]*])*)\\s+is\\s+(not\\s+)?(\\w+)");

    private final String chatTemplate;
    private final String bosToken;
    private final String eosToken;
    private final PromptTemplate fallback;
    private final boolean templateTakesTools;
    private final Jinjava jinjava;

    ChatPromptRenderer(String chatTemplate, String bosToken, String eosToken, PromptTemplate fallback) {
        this.chatTemplate = chatTemplate == null || chatTemplate.isBlank() ? null
                : NOT_BEFORE_TEST.matcher(chatTemplate).replaceAll("not ($1 is $2$3)");
        this.bosToken = bosToken == null ? "" : bosToken;
        this.eosToken = eosToken == null ? "" : eosToken;
        this.fallback = fallback;
        this.templateTakesTools = ToolPrompts.templateTakesTools(this.chatTemplate);
        // As Hugging Face renders: trim and lstrip blocks; {{- -}} and {#- -#} trim too, and operators bind as in Jinja2.
        this.jinjava = new Jinjava(JinjavaConfig.newBuilder().withTrimBlocks(true).withLstripBlocks(true)
                .withLegacyOverrides(LegacyOverrides.newBuilder().withUseTrimmingForNotesAndExpressions(true)
                        .withUseNaturalOperatorPrecedence(true).build()).build());
        jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition("", "raise_exception",
                ChatPromptRenderer.class, "raiseException", String.class));
    }

    /** Reads {@code chat_template}, {@code bos_token} and {@code eos_token} (strings or {content: ...} objects). */
    static ChatPromptRenderer from(JsonNode tokenizerConfig, PromptTemplate fallback) {
        JsonNode template = tokenizerConfig.path("chat_template");
        String chatTemplate = null;
        if (template.isTextual()) {
            chatTemplate = template.asText();
        } else if (template.isArray()) {
            // Newer configs list named templates; "default" is the chat one.
            for (JsonNode named : template) {
                if ("default".equals(named.path("name").asText())) {
                    chatTemplate = named.path("template").asText();
                }
            }
        }
        return new ChatPromptRenderer(chatTemplate, tokenText(tokenizerConfig.path("bos_token")),
                tokenText(tokenizerConfig.path("eos_token")), fallback);
    }

    private static String tokenText(JsonNode token) {
        if (token.isTextual()) {
            return token.asText();
        }
        return token.path("content").isTextual() ? token.path("content").asText() : null;
    }

    String render(Prompt prompt) {
        return switch (prompt) {
            case Prompt.Text text -> text.text();
            case Prompt.Chat chat when chatTemplate != null && templateTakesTools -> renderJinja(chat);
            case Prompt.Chat chat when ToolPrompts.involvesTools(chat.messages(), chat.tools()) -> chatTemplate != null
                    ? renderJinja(new Prompt.Chat(ToolPrompts.hermesFallback(chat.messages(), chat.tools())))
                    : FoundryPromptTemplate.render(fallback, ToolPrompts.hermesFallback(chat.messages(), chat.tools()));
            case Prompt.Chat chat -> chatTemplate != null ? renderJinja(chat)
                    : FoundryPromptTemplate.render(fallback, chat.messages());
        };
    }

    private String renderJinja(Prompt.Chat chat) {
        Map<String, Object> context = new HashMap<>();
        context.put("messages", ToolPrompts.templateMessages(chat.messages(), chat.tools(), chatTemplate));
        context.put("tools", ToolPrompts.templateTools(chat.tools()));
        context.put("add_generation_prompt", true);
        context.put("bos_token", bosToken);
        context.put("eos_token", eosToken);
        RenderResult result = jinjava.renderForResult(chatTemplate, context);
        for (TemplateError error : result.getErrors()) {
            String message = String.valueOf(error.getMessage());
            for (Throwable cause = error.getException(); cause != null; cause = cause.getCause()) {
                if (cause instanceof TemplateRefusal refusal) {
                    throw new InvalidRequestException(refusal.getMessage(), "messages");
                }
            }
            if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
                throw new EngineFailureException("the model's chat template failed: " + message);
            }
        }
        return result.getOutput();
    }

    /** Called by templates as {@code raise_exception('...')}, typically for a conversation they cannot format. */
    public static String raiseException(String message) {
        throw new TemplateRefusal(RAISED + message);
    }

    private static final class TemplateRefusal extends RuntimeException {
        TemplateRefusal(String message) {
            super(message, null, false, false);
        }
    }
}
