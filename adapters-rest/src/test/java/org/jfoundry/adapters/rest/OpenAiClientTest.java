package org.jfoundry.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The official OpenAI Java client, unchanged, against the running service. */
class OpenAiClientTest {
    private static FakeFoundry foundry;
    private static RunningServer server;
    private static OpenAIClient client;

    @BeforeAll
    static void start() {
        foundry = new FakeFoundry();
        server = RestServer.start(foundry.core, RestSettings.loopback(0));
        client = OpenAIOkHttpClient.builder().baseUrl(server.url() + "/v1").apiKey("not-needed").maxRetries(0).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.stop();
        foundry.close();
    }

    private static ChatCompletionCreateParams.Builder hello(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("Say hello");
    }

    @Test
    void aWholeChatCompletionReadsBackThroughTheClient() {
        ChatCompletion completion = client.chat().completions().create(hello(FakeFoundry.CHAT_ALIAS).build());

        assertThat(completion.choices().getFirst().message().content()).hasValue("Hello from the fake engine.");
        assertThat(completion.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(6);
        assertThat(completion.model()).isEqualTo(FakeFoundry.CHAT_ID);
        // Clients keep fields they do not know; the timings extension is one of them.
        assertThat(completion._additionalProperties()).containsKey("timings");
    }

    @Test
    void aStreamedChatCompletionArrivesChunkByChunkWithUsageLast() {
        List<String> pieces = new ArrayList<>();
        List<Long> usage = new ArrayList<>();
        var params = hello(FakeFoundry.CHAT_ALIAS)
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(chunk -> {
                chunk.choices().forEach(c -> c.delta().content().ifPresent(pieces::add));
                chunk.usage().ifPresent(u -> usage.add(u.completionTokens()));
            });
        }

        assertThat(String.join("", pieces)).isEqualTo("Hello from the fake engine.");
        assertThat(usage).containsExactly(6L);
    }

    @Test
    void keepAliveCommentsBetweenSlowTokensDoNotDisturbTheClient() {
        try (FakeFoundry slow = new FakeFoundry()) {
            slow.engine.tokenDelay(java.time.Duration.ofMillis(120));
            RunningServer slowServer = RestServer.start(slow.core,
                    RestSettings.loopback(0).withHeartbeat(java.time.Duration.ofMillis(30)));
            OpenAIClient slowClient = OpenAIOkHttpClient.builder().baseUrl(slowServer.url() + "/v1").apiKey("x")
                    .maxRetries(0).build();
            try (StreamResponse<ChatCompletionChunk> stream =
                         slowClient.chat().completions().createStreaming(hello(FakeFoundry.CHAT_ALIAS).build())) {
                StringBuilder text = new StringBuilder();
                stream.stream().forEach(chunk -> chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append)));

                assertThat(text).hasToString("Hello from the fake engine.");
            } finally {
                slowClient.close();
                slowServer.stop();
            }
            // The same stream read raw does carry the comments, so the client above really met them.
            RunningServer rawServer = RestServer.start(slow.core,
                    RestSettings.loopback(0).withHeartbeat(java.time.Duration.ofMillis(30)));
            try (StreamingClient raw = new StreamingClient(rawServer.port(), "/v1/chat/completions",
                    RestApiSuite.chat(FakeFoundry.CHAT_ALIAS, ",\"stream\":true"))) {
                assertThat(raw.readToEnd()).contains(": keep-alive\n\n").endsWith("data: [DONE]\n\n");
            } finally {
                rawServer.stop();
            }
        }
    }

    @Test
    void embeddingsReadBackThroughTheClient() {
        CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder()
                .model(FakeFoundry.EMBEDDING_ALIAS).inputOfArrayOfStrings(List.of("one", "two")).build());

        assertThat(response.data()).hasSize(2);
        assertThat(response.data().getFirst().embedding()).hasSize(8);
        assertThat(response.data().get(1).index()).isEqualTo(1);
    }

    @Test
    void theModelListReadsBackThroughTheClient() {
        List<String> ids = client.models().list().data().stream().map(Model::id).toList();

        assertThat(ids).contains(FakeFoundry.CHAT_ID, FakeFoundry.EMBEDDING_ID);
    }

    @Test
    void failuresBecomeTheClientsTypedErrors() {
        assertThatThrownBy(() -> client.chat().completions().create(hello(FakeFoundry.UNCACHED_ALIAS).build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("No OpenAIService provider found for modelName:");
        assertThatThrownBy(() -> client.chat().completions().create(hello("no-such-model").build()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> client.chat().completions().create(hello(FakeFoundry.CHAT_ALIAS).n(3).build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("n must be 1");
    }
}
