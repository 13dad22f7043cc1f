package org.jfoundry.adapters.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAI client libraries people use, unchanged and with their default headers (they send
 * {@code Accept: application/json} even when streaming), against a real background service: openai-python (streamed
 * and whole chat and text completions, {@code stream_options.include_usage}, embeddings in the SDK's default base64
 * and in floats), openai-node (streamed chat) and LangChain's {@code ChatOpenAI.stream()}. Each streamed text equals
 * the whole text of the same greedy request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenAiClientLibrariesTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path home;
    ServiceForClients service;

    @BeforeAll
    void startTheService() throws Exception {
        TestClients.folder(); // fails at once, saying why, when the clients are not installed
        service = ServiceForClients.start(home);
    }

    @AfterAll
    void stopTheService() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void aStreamedChatWritesTheWholeChatsTextThenItsUsage() throws Exception {
        JsonNode found = run("chat", ServiceForClients.CHAT_ALIAS);

        assertThat(found.get("whole").asText()).isEqualTo(ServiceForClients.ANSWER);
        assertThat(found.get("streamed").asText()).isEqualTo(found.get("whole").asText());
        assertThat(found.get("roles")).hasSize(1);
        assertThat(found.get("finish").asText()).isEqualTo(found.get("wholeFinish").asText()).isEqualTo("stop");
        assertThat(found.get("usage")).isEqualTo(found.get("wholeUsage"));
        assertThat(found.get("usage").get("completion_tokens").asInt()).isEqualTo(6);
    }

    @Test
    void aStreamedTextCompletionWritesTheWholeCompletionsTextThenItsUsage() throws Exception {
        JsonNode found = run("completion", ServiceForClients.CHAT_ID);

        assertThat(found.get("whole").asText()).isEqualTo(ServiceForClients.ANSWER);
        assertThat(found.get("streamed").asText()).isEqualTo(found.get("whole").asText());
        assertThat(found.get("finish").asText()).isEqualTo(found.get("wholeFinish").asText()).isEqualTo("stop");
        assertThat(found.get("usage")).isEqualTo(found.get("wholeUsage"));
    }

    @Test
    void embeddingsDecodeFromTheDefaultBase64ToTheSameFloats() throws Exception {
        JsonNode found = run("embeddings", ServiceForClients.EMBEDDING_ALIAS);

        assertThat(found.get("count").asInt()).isEqualTo(2);
        assertThat(found.get("dimensions").get(0).asInt()).isPositive();
        assertThat(found.get("first")).isEqualTo(found.get("firstAsFloats"));
        assertThat(found.get("model").asText()).isEqualTo(ServiceForClients.EMBEDDING_ID);
        assertThat(found.get("promptTokens").asInt()).isPositive();
    }

    @Test
    void openAiNodeStreamsTheWholeChatsTextThenItsUsage() throws Exception {
        TestClients.Run run = TestClients.node("openai_chat.cjs", service.environment(), ServiceForClients.CHAT_ALIAS);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode found = JSON.readTree(run.lastLine());

        assertThat(found.get("whole").asText()).isEqualTo(ServiceForClients.ANSWER);
        assertThat(found.get("streamed").asText()).isEqualTo(found.get("whole").asText());
        assertThat(found.get("finish").asText()).isEqualTo("stop");
        assertThat(found.get("usage")).isEqualTo(found.get("wholeUsage"));
    }

    @Test
    void langChainStreamsTheTextItsInvokeAnswers() throws Exception {
        TestClients.Run run = TestClients.python("langchain_stream.py", service.environment(),
                ServiceForClients.CHAT_ALIAS);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode found = JSON.readTree(run.lastLine());

        assertThat(found.get("whole").asText()).isEqualTo(ServiceForClients.ANSWER);
        assertThat(found.get("streamed").asText()).isEqualTo(found.get("whole").asText());
        assertThat(found.get("pieces").asInt()).isGreaterThan(1);
    }

    private JsonNode run(String step, String model) throws Exception {
        TestClients.Run run = TestClients.python("openai_client.py", service.environment(), step, model);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return JSON.readTree(run.lastLine());
    }
}
