package org.jfoundry.adapters.ort.genai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfoundry.ports.inference.ChatMessage;
import org.jfoundry.ports.model.PromptTemplate;

/**
 * Conversations as text for models whose tokenizer has no chat template, and as the JSON GenAI's chat template
 * function takes. With a chat template, GenAI renders it (see {@link Oga#applyChatTemplate}).
 */
final class PromptRendering {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PromptRendering() {
    }

    /** {@code [{"role":"user","content":"..."}, ...]} with OpenAI's role names. */
    static String messagesJson(List<ChatMessage> messages) {
        List<Map<String, String>> list = messages.stream().map(message -> {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("role", message.role().wireName());
            entry.put("content", message.content());
            return entry;
        }).toList();
        try {
            return JSON.writeValueAsString(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("strings always serialise", e);
        }
    }

    /**
     * Foundry's simple template: each message through its role's part, then the assistant part up to its
     * {@code {Content}} as the generation prompt. Without a template: one {@code role: content} line per message.
     */
    static String withoutChatTemplate(PromptTemplate template, List<ChatMessage> messages) {
        StringBuilder out = new StringBuilder();
        if (template == null || template.isEmpty()) {
            messages.forEach(m -> out.append(m.role().wireName()).append(": ").append(m.content()).append('\n'));
            return out.append("assistant:").toString();
        }
        for (ChatMessage message : messages) {
            String part = switch (message.role()) {
                case SYSTEM -> template.system();
                case ASSISTANT -> template.assistant();
                case USER, TOOL -> template.user() != null ? template.user() : template.prompt();
            };
            out.append(part == null ? message.content() : part.replace(PromptTemplate.CONTENT, message.content()));
        }
        if (template.assistant() != null) {
            int content = template.assistant().indexOf(PromptTemplate.CONTENT);
            out.append(content < 0 ? template.assistant() : template.assistant().substring(0, content));
        }
        return out.toString();
    }
}
