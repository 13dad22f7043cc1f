package org.jfoundry.ports.inference;

import java.util.List;
import org.jfoundry.ports.failure.InvalidRequestException;

/** What a model is asked to continue: a conversation rendered by its chat template, or raw text. */
public sealed interface Prompt {

    record Chat(List<ChatMessage> messages) implements Prompt {
        public Chat {
            if (messages == null || messages.isEmpty()) {
                throw new InvalidRequestException("messages must hold at least one message", "messages");
            }
            messages = List.copyOf(messages);
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
