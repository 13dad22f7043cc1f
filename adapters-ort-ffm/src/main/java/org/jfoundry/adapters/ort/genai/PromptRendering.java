package org.jfoundry.adapters.ort.genai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfoundry.ports.inference.ChatMessage;

/**
 * Conversations as the JSON GenAI's chat template function takes (see {@link Oga#applyChatTemplate}). Folders without
 * a chat template go through {@link org.jfoundry.adapters.ort.completion.FoundryPromptTemplate}, as in the Java loop.
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
}
