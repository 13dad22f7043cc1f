package org.jfoundry.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jfoundry.ports.model.LoadedModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client that hangs up on a non-streamed request (no SSE heartbeat to fail) still stops its work, running or
 * queued, while clients that stay get whole answers and, where it is safe, keep their connection.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WholeAnswerDisconnectTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Duration WATCH_DELAY = Duration.ofMillis(100);

    private final FakeFoundry foundry = new FakeFoundry(settings -> settings.withQueue(1, 1));
    private final HttpClient http = HttpClient.newHttpClient();
    private RunningServer server;

    private RunningServer start(Duration watchDelay) {
        server = RestServer.start(foundry.core, RestSettings.loopback(0).withHeartbeat(watchDelay));
        return server;
    }

    @AfterEach
    void stop() {
        foundry.engine.releaseGenerations();
        if (server != null) {
            server.stop();
        }
        foundry.close();
        http.close();
    }

    @Test
    void aClientThatHangsUpOnAWholeChatCompletionStopsItsGeneration() throws Exception {
        start(WATCH_DELAY);

        hangUpWhileGenerating("/v1/chat/completions", RestApiSuite.chat(FakeFoundry.CHAT_ALIAS, ""));

        eventually("the hang-up is counted", () -> metric("jfoundry_client_disconnects_total").equals("1"));
    }

    @Test
    void aClientThatHangsUpOnAWholeTextCompletionStopsItsGeneration() throws Exception {
        start(WATCH_DELAY);

        hangUpWhileGenerating("/v1/completions", "{\"model\":\"" + FakeFoundry.CHAT_ALIAS + "\",\"prompt\":\"Once upon\"}");
    }

    /** Sends the request, hangs up once its generation is held, and expects the generation to be cancelled. */
    private void hangUpWhileGenerating(String path, String json) throws Exception {
        foundry.engine.holdGenerations();
        try (Socket client = send(RawHttp.post(path, server.port(), json))) {
            assertThat(foundry.engine.awaitGenerationsHeld(1, PATIENCE)).isTrue();
        }

        eventually("the held generation is cancelled", () -> foundry.engine.generationsRunning() == 0);
        eventually("the model has no request in flight", () -> inFlight() == 0);
    }

    @Test
    void aClientThatHangsUpOnEmbeddingsWhileTheModelLoadsIsNoticed() throws Exception {
        start(WATCH_DELAY);
        foundry.engine.holdLoads();
        try (Socket client = send(RawHttp.post("/v1/embeddings", server.port(),
                "{\"model\":\"" + FakeFoundry.EMBEDDING_ALIAS + "\",\"input\":\"hello\"}"))) {
            assertThat(foundry.engine.awaitLoadsHeld(1, PATIENCE)).isTrue();
        }

        eventually("the hang-up is noticed", () -> metric("jfoundry_client_disconnects_total").equals("1"));
        foundry.engine.releaseLoads();
        eventually("the request is gone", () -> inFlight() == 0);
    }

    @Test
    void aClientThatHangsUpWhileItsWholeRequestIsQueuedLeavesTheQueue() throws Exception {
        start(WATCH_DELAY);
        foundry.engine.holdGenerations();
        CompletableFuture<HttpResponse<String>> running = chatAsync();
        assertThat(foundry.engine.awaitGenerationsHeld(1, PATIENCE)).isTrue();
        try (Socket waiting = send(RawHttp.post("/v1/chat/completions", server.port(),
                RestApiSuite.chat(FakeFoundry.CHAT_ALIAS, "")))) {
            eventually("the whole request waits in the queue", () -> inFlight() == 2);
        }

        eventually("the queued request left the queue", () -> inFlight() == 1);
        assertThat(running).isNotDone();
        foundry.engine.releaseGenerations();
        HttpResponse<String> answer = running.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("Hello from the fake engine.");
        assertThat(foundry.engine.generationsRunning()).isZero();
    }

    @Test
    void aClientThatWaitsGetsItsWholeAnswerAndAConnectionItCanTrust() throws Exception {
        start(WATCH_DELAY);
        foundry.engine.holdGenerations();
        try (Socket client = send(RawHttp.post("/v1/chat/completions", server.port(),
                RestApiSuite.chat(FakeFoundry.CHAT_ALIAS, "")))) {
            assertThat(foundry.engine.awaitGenerationsHeld(1, PATIENCE)).isTrue();
            // Not a synchronisation: long enough that the watch is usually reading, so the close path is exercised.
            Thread.sleep(WATCH_DELAY.multipliedBy(5));
            foundry.engine.releaseGenerations();

            RawHttp.Response answer = RawHttp.read(client.getInputStream());

            assertThat(answer.status()).isEqualTo(200);
            assertThat(RestApiSuite.parse(answer.body()).get("choices").get(0).get("message").get("content").asText())
                    .isEqualTo("Hello from the fake engine.");
            if (answer.hasHeader("connection: close")) {
                assertThat(client.getInputStream().read()).as("the server closes what it announced").isEqualTo(-1);
            } else {
                client.getOutputStream().write(RawHttp.get("/v1/models", "127.0.0.1", "").getBytes(StandardCharsets.UTF_8));
                assertThat(RawHttp.read(client.getInputStream()).status()).isEqualTo(200);
            }
        }
        assertThat(metric("jfoundry_client_disconnects_total")).isEqualTo("0");
    }

    @Test
    void theOpenAiClientReadsSlowWholeAnswersOneAfterAnother() {
        start(WATCH_DELAY);
        // Six tokens this slow outlive the watch's delay: each answer comes with Connection: close and the next call
        // must open a new connection by itself (no retries allowed to hide a failure).
        foundry.engine.tokenDelay(WATCH_DELAY);
        OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(server.url() + "/v1").apiKey("not-needed")
                .maxRetries(0).build();
        try {
            for (int call = 0; call < 2; call++) {
                ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                        .model(FakeFoundry.CHAT_ALIAS).addUserMessage("Say hello").build());

                assertThat(completion.choices().getFirst().message().content()).hasValue("Hello from the fake engine.");
            }
        } finally {
            client.close();
        }
        assertThat(metric("jfoundry_client_disconnects_total")).isEqualTo("0");
    }

    @Test
    void quickWholeAnswersKeepTheirConnectionAlive() throws Exception {
        start(Duration.ofMinutes(1));
        String chat = RawHttp.post("/v1/chat/completions", server.port(), RestApiSuite.chat(FakeFoundry.CHAT_ALIAS, ""));
        String embed = RawHttp.post("/v1/embeddings", server.port(),
                "{\"model\":\"" + FakeFoundry.EMBEDDING_ALIAS + "\",\"input\":\"hello\"}");
        try (Socket client = send(chat)) {
            RawHttp.Response first = RawHttp.read(client.getInputStream());
            client.getOutputStream().write(embed.getBytes(StandardCharsets.UTF_8));
            RawHttp.Response second = RawHttp.read(client.getInputStream());

            assertThat(first.status()).isEqualTo(200);
            assertThat(first.hasHeader("connection: close")).isFalse();
            assertThat(second.status()).isEqualTo(200);
            assertThat(second.body()).contains("\"embedding\"");
        }
    }

    @Test
    void pipelinedRequestsBehindAWatchedOneAreAnsweredInOrder() throws Exception {
        start(WATCH_DELAY);
        foundry.engine.holdGenerations();
        String chat = RawHttp.post("/v1/chat/completions", server.port(), RestApiSuite.chat(FakeFoundry.CHAT_ALIAS, ""));
        String count = RawHttp.post("/v1/chat/completions/tokenizer/encode/count", server.port(),
                "{\"model\":\"" + FakeFoundry.CHAT_ALIAS + "\",\"messages\":[{\"role\":\"user\",\"content\":\"one two three\"}]}");
        try (Socket client = send(chat + count)) {
            assertThat(foundry.engine.awaitGenerationsHeld(1, PATIENCE)).isTrue();
            // Not a synchronisation: gives the watch time to find the second request's bytes, which it must not eat.
            Thread.sleep(WATCH_DELAY.multipliedBy(5));
            foundry.engine.releaseGenerations();

            InputStream in = client.getInputStream();
            RawHttp.Response first = RawHttp.read(in);
            RawHttp.Response second = RawHttp.read(in);

            assertThat(first.status()).isEqualTo(200);
            assertThat(first.body()).contains("Hello from the fake engine.");
            assertThat(second.status()).isEqualTo(200);
            assertThat(second.body()).contains("\"tokenCount\"");
        }
        assertThat(metric("jfoundry_client_disconnects_total")).isEqualTo("0");
    }

    /** Opens a connection and writes the request(s) on it, as they are. */
    private Socket send(String requests) throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout((int) PATIENCE.toMillis());
        OutputStream out = socket.getOutputStream();
        out.write(requests.getBytes(StandardCharsets.UTF_8));
        out.flush();
        return socket;
    }

    private CompletableFuture<HttpResponse<String>> chatAsync() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + "/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(RestApiSuite.chat(FakeFoundry.CHAT_ALIAS, ""))).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private int inFlight() {
        return foundry.core.listLoaded().stream().mapToInt(LoadedModel::inFlightRequests).sum();
    }

    private String metric(String name) {
        HttpResponse<String> metrics;
        try {
            metrics = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return metrics.body().lines().filter(l -> l.startsWith(name + " ")).findFirst().orElseThrow()
                .substring(name.length() + 1);
    }

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
