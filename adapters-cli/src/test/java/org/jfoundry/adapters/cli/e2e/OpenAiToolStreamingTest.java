package org.jfoundry.adapters.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * openai-python's stream helper against a model that writes its own tool-call markup token by token (tool_choice
 * auto, the fake engine scripted through {@code FOUNDRY_FAKE_CHUNKS}): the SDK sees the text before the markup as
 * content, then the call's argument fragments, and the completion it accumulates equals the whole answer; the same
 * for {@code responses.stream()} against {@code responses.create()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenAiToolStreamingTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> TOKENS = List.of("I", "'ll", " look", " it", " up", ".", "\n", "<tool", "_call", ">\n",
            "{\"name\": \"", "get", "_weather", "\", \"arguments\": ", "{\"city\": ", "\"Os", "lo\", ", "\"days\": ",
            "3", "}}", "\n</tool_call>");

    @TempDir
    static Path home;
    ServiceForClients service;

    @BeforeAll
    void startTheService() throws Exception {
        TestClients.folder(); // fails at once, saying why, when the clients are not installed
        service = ServiceForClients.start(home, Map.of(EnvironmentConfiguredFakeEngine.CHUNKS_VARIABLE,
                JSON.writeValueAsString(TOKENS)));
    }

    @AfterAll
    void stopTheService() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void theStreamHelpersAccumulatedCompletionIsTheWholeOne() throws Exception {
        TestClients.Run run = TestClients.python("openai_tool_stream.py", service.environment(),
                ServiceForClients.CHAT_ALIAS);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode found = JSON.readTree(run.lastLine());

        assertThat(found.get("streamed")).isEqualTo(found.get("whole"));
        assertThat(found.at("/whole/content").asText()).isEqualTo("I'll look it up.");
        assertThat(found.at("/whole/finish").asText()).isEqualTo("tool_calls");
        assertThat(found.at("/whole/calls/0/name").asText()).isEqualTo("get_weather");
        assertThat(JSON.readTree(found.at("/whole/calls/0/arguments").asText()))
                .isEqualTo(JSON.readTree("{\"city\":\"Oslo\",\"days\":3}"));
        assertThat(found.get("fragments").size()).as("argument fragments").isGreaterThanOrEqualTo(4);
        assertThat(found.get("parsedArguments")).isEqualTo(JSON.readTree("{\"city\":\"Oslo\",\"days\":3}"));
        assertThat(found.get("contents").toString()).doesNotContain("tool_call", "get_weather");

        JsonNode responses = found.get("responses");
        assertThat(responses.get("streamed")).isEqualTo(responses.get("whole"));
        assertThat(responses.at("/whole/0/text").asText()).isEqualTo("I'll look it up.");
        assertThat(responses.at("/whole/1/name").asText()).isEqualTo("get_weather");
        assertThat(JSON.readTree(responses.at("/whole/1/arguments").asText()))
                .isEqualTo(JSON.readTree("{\"city\":\"Oslo\",\"days\":3}"));
        assertThat(responses.get("fragments").size()).as("argument fragments").isGreaterThanOrEqualTo(4);
    }
}
