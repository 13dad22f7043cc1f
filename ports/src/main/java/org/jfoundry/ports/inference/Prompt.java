package org.jfoundry.ports.inference;

import java.util.List;
import org.jfoundry.ports.failure.InvalidRequestException;

/**
 * What a model is asked to continue: a conversation rendered by its chat template (with the tools it may call), or
 * raw text.
 */
public sealed interface Prompt {

    record Chat(List<ChatMessage> messages, ChatTools tools) implements Prompt {
        public Chat {
            if (messages == null || messages.isEmpty()) {
                throw new InvalidRequestException("messages must hold at least one message", "messages");
            }
            messages = List.copyOf(messages);
            tools = tools == null ? ChatTools.NONE : tools;
        }

        public Chat(List<ChatMessage> messages) {
            this(messages, ChatTools.NONE);
        }
    }

    record Text(String text) implements Prompt {
        public Text {
            if (text == null) {
                throw new InvalidRequestException("prompt must be given", "prompt");
            }
        }
    }
}
