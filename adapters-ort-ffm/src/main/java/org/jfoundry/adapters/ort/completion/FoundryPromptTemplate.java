package org.jfoundry.adapters.ort.completion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jfoundry.ports.failure.EngineFailureException;
import org.jfoundry.ports.inference.ChatMessage;
import org.jfoundry.ports.inference.Role;
import org.jfoundry.ports.model.PromptTemplate;

/**
 * Foundry's simple {@code {Content}} prompt template, for model folders whose tokenizer has no chat template. Each
 * message goes through its role's part; the last user message through {@code prompt} when there is one (it opens the
 * assistant turn, as Foundry's catalog writes it), else the assistant turn is opened with the assistant part up to its
 * {@code {Content}}. Without any template the conversation is a {@code role: content} transcript ending in
 * {@code assistant:}.
 */
public final class FoundryPromptTemplate {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FoundryPromptTemplate() {
    }

    /** The catalog's template, else the one in the folder's {@code inference_model.json}, or null. */
    public static PromptTemplate forModel(PromptTemplate fromCatalog, Path folder) {
        if (fromCatalog != null && !fromCatalog.isEmpty()) {
            return fromCatalog;
        }
        Path file = folder.resolve("inference_model.json");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        JsonNode template;
        try {
            template = JSON.readTree(file.toFile()).path("PromptTemplate");
        } catch (IOException e) {
            throw new EngineFailureException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (!template.isObject()) {
            return null;
        }
        PromptTemplate read = new PromptTemplate(text(template, "system"), text(template, "user"),
                text(template, "assistant"), text(template, "prompt"));
        return read.isEmpty() ? null : read;
    }

    /** The conversation as the text the model continues. */
    public static String render(PromptTemplate template, List<ChatMessage> messages) {
        if (template == null || template.isEmpty()) {
            return transcript(messages);
        }
        StringBuilder out = new StringBuilder();
        boolean turnOpened = false;
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage message = messages.get(i);
            boolean last = i == messages.size() - 1;
            boolean fromUser = message.role() == Role.USER || message.role() == Role.TOOL;
            boolean opensTurn = last && fromUser && template.prompt() != null;
            String part = switch (message.role()) {
                case SYSTEM -> template.system();
                case ASSISTANT -> template.assistant();
                case USER, TOOL -> opensTurn || template.user() == null ? template.prompt() : template.user();
            };
            turnOpened = opensTurn;
            if (part == null) {
                // No part for this role: the content on its own line, so messages do not run together.
                out.append(message.content());
                if (!last) {
                    out.append('\n');
                }
            } else {
                out.append(part.replace(PromptTemplate.CONTENT, message.content()));
            }
        }
        if (!turnOpened && template.assistant() != null) {
            int content = template.assistant().indexOf(PromptTemplate.CONTENT);
            out.append(content < 0 ? template.assistant() : template.assistant().substring(0, content));
        }
        return out.toString();
    }

    private static String transcript(List<ChatMessage> messages) {
        StringBuilder out = new StringBuilder();
        messages.forEach(m -> out.append(m.role().wireName()).append(": ").append(m.content()).append('\n'));
        return out.append("assistant:").toString();
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).isTextual() ? node.path(field).asText() : null;
    }
}
