package org.jfoundry.adapters.cli.container;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.completions.CompletionUsage;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the packaged service answers, however it was started: the official OpenAI Java client lists the models,
 * gets a chat completion from the generated decoder (the real ONNX Runtime engine) and embeddings from MiniLM.
 * A subclass starts the service from the foundry home {@link PackagedServiceImage} lays out and says where it listens.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES) // generous: a loaded 2-core machine, a JVM start, native loads
abstract class PackagedServiceContract {
    private static final int MAX_TOKENS = 6;
    private static final ObjectMapper JSON = new ObjectMapper();

    private URI base;
    private OpenAIClient client;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    /** Starts the service over a fresh {@code home} (empty until then) and returns its URL without a path. */
    abstract URI start(Path home) throws Exception;

    /** Stops what {@link #start} started; called even when the start failed half way. */
    abstract void stop();

    @BeforeAll
    final void startTheService(@TempDir Path home) throws Exception {
        base = start(home);
        client = OpenAIOkHttpClient.builder()
                .baseUrl(base + "/v1")
                .apiKey("any-key")
                .maxRetries(0) // a failure must show as it is, not be retried away
                .timeout(Duration.ofMinutes(2))
                .build();
    }

    @AfterAll
    final void stopTheService() {
        try {
            if (client != null) {
                client.close();
            }
        } finally {
            stop();
        }
    }

    @Test
    @DisplayName("/health answers 200")
    void healthAnswers() throws Exception {
        assertThat(get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("/v1/models lists the decoder and MiniLM from the cache, by id")
    void theModelListNamesTheCachedModels() {
        List<String> ids = client.models().list().data().stream().map(Model::validate).map(Model::id).toList();

        assertThat(ids).containsExactlyInAnyOrder(PackagedServiceImage.CHAT_ID, PackagedServiceImage.EMBEDDING_ID);
    }

    @Test
    @DisplayName("a chat completion on the generated decoder has text, stops at max_tokens and counts its tokens")
    void aChatCompletionOnTheDecoder() throws Exception {
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model(PackagedServiceImage.CHAT_ALIAS).addUserMessage("Tell me a story")
                .maxCompletionTokens(MAX_TOKENS).temperature(0.0).seed(PackagedServiceImage.SEED).build()).validate();

        assertThat(completion.model()).isEqualTo(PackagedServiceImage.CHAT_ID);
        ChatCompletion.Choice choice = completion.choices().getFirst();
        assertThat(choice.message().content()).hasValueSatisfying(text -> assertThat(text).isNotEmpty());
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.LENGTH);
        CompletionUsage usage = completion.usage().orElseThrow();
        assertThat(usage.promptTokens()).isPositive();
        assertThat(usage.completionTokens()).isEqualTo(MAX_TOKENS);
        // Loaded by the request above; asking to load it again only reports which engine serves it.
        HttpResponse<String> loaded = get("/openai/load/" + PackagedServiceImage.CHAT_ALIAS);
        assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(200);
        assertThat(JSON.readTree(loaded.body()).path("engine").asText()).isEqualTo(PackagedServiceImage.ENGINE.wireName());
    }

    @Test
    @DisplayName("MiniLM embeds into 384-dimension vectors whose cosines follow meaning")
    void embeddingsFollowMeaning() {
        CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder()
                .model(PackagedServiceImage.EMBEDDING_ALIAS)
                .inputOfArrayOfStrings(List.of("cat", "kitten", "stock market")).build()).validate();

        List<List<Float>> vectors = response.data().stream().map(e -> e.embedding()).toList();
        assertThat(vectors).hasSize(3).allSatisfy(v -> assertThat(v).hasSize(384));
        assertThat(cosine(vectors.get(0), vectors.get(1))).isGreaterThan(cosine(vectors.get(0), vectors.get(2)));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static double cosine(List<Float> a, List<Float> b) {
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.size(); i++) {
            dot += (double) a.get(i) * b.get(i);
            normA += (double) a.get(i) * a.get(i);
            normB += (double) b.get(i) * b.get(i);
        }
        return dot / Math.sqrt(normA * normB);
    }
}
