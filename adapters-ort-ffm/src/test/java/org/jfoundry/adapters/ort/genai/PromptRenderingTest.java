package org.jfoundry.adapters.ort.genai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jfoundry.ports.inference.ChatMessage;
import org.junit.jupiter.api.Test;

class PromptRenderingTest {

    private final List<ChatMessage> conversation =
            List.of(ChatMessage.system("Be brief."), ChatMessage.user("Hi \"you\""));

    @Test
    void messagesBecomeTheJsonArrayGenAisTemplateFunctionTakes() {
        assertThat(PromptRendering.messagesJson(conversation))
                .isEqualTo("[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                        + "{\"role\":\"user\",\"content\":\"Hi \\\"you\\\"\"}]");
    }
}
