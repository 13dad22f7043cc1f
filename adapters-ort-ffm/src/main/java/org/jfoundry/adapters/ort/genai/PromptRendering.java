package org.jfoundry.adapters.ort.genai;

import java.util.List;
import org.jfoundry.adapters.ort.completion.ToolPrompts;
import org.jfoundry.ports.inference.ChatMessage;
import org.jfoundry.ports.inference.ChatTools;
import org.jfoundry.ports.inference.Prompt;

/**
 * Conversations as the JSON GenAI's chat template function takes (see {@link Oga#applyChatTemplate}): messages and
 * tools as Hugging Face passes them when the template renders tools itself, else the conversation with tools, calls
 * and results written by {@link ToolPrompts#hermesFallback}. Folders without a chat template go through
 * {@link org.jfoundry.adapters.ort.completion.FoundryPromptTemplate}, as in the Java loop.
 */
final class PromptRendering {

    private PromptRendering() {
    }

    /** {@code [{"role":"user","content":"..."}, ...]} with OpenAI's role names (and tool fields where they apply). */
    static String messagesJson(Prompt.Chat chat, String chatTemplate) {
        if (ToolPrompts.templateTakesTools(chatTemplate)) {
            return ToolPrompts.write(ToolPrompts.templateMessages(chat.messages(), chat.tools(), chatTemplate));
        }
        List<ChatMessage> messages = ToolPrompts.involvesTools(chat.messages(), chat.tools())
                ? ToolPrompts.hermesFallback(chat.messages(), chat.tools()) : chat.messages();
        return ToolPrompts.write(ToolPrompts.templateMessages(messages, ChatTools.NONE, chatTemplate));
    }

    /** The tools as a JSON array for a template that renders them, else null (none passed). */
    static String toolsJson(Prompt.Chat chat, String chatTemplate) {
        ChatTools tools = chat.tools();
        return ToolPrompts.templateTakesTools(chatTemplate) && tools.active()
                ? ToolPrompts.write(ToolPrompts.templateTools(tools)) : null;
    }
}
