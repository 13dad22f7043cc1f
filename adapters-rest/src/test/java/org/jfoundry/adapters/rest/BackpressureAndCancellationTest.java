package org.jfoundry.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.model.LoadedModel;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.out.DownloadListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What happens under load and when clients leave: one request runs per model, one waits, the next is turned away;
 * a client that hangs up stops its generation, running or queued; a forced unload ends a started stream with an error.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BackpressureAndCancellationTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private FakeFoundry foundry;
    private RunningServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        foundry = new FakeFoundry(settings -> settings.withQueue(1, 1));
        server = RestServer.start(foundry.core, RestSettings.loopback(0).withHeartbeat(Duration.ofMillis(100)));
    }

    @AfterEach
    void stop() {
        foundry.engine.releaseGenerations();
        server.stop();
        foundry.close();
        http.close();
    }

    private CompletableFuture<HttpResponse<String>> chatAsync(String extra) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + "/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(RestApiSuite.chat(FakeFoundry.CHAT_ALIAS, extra))).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private int inFlight() {
        return foundry.core.listLoaded().stream().mapToInt(LoadedModel::inFlightRequests).sum();
    }

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void aFullQueueAnswers503WithRetryAfterAndTheOthersStillFinish() throws Exception {
        foundry.engine.holdGenerations();
        var running = chatAsync("");
        assertThat(foundry.engine.awaitGenerationsHeld(1, PATIENCE)).isTrue();
        var queued = chatAsync("");
        eventually("the second request waits in the queue", () -> inFlight() == 2);

        HttpResponse<String> refused = chatAsync("").get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("\"code\":\"service_busy\"");
        foundry.engine.releaseGenerations();
        assertThat(running.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(queued.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void aClientThatHangsUpMidStreamStopsItsGeneration() throws Exception {
        foundry.engine.holdGenerationsAfter(2);
        try (StreamingClient client = new StreamingClient(server.port(), "/v1/chat/completions",
                RestApiSuite.chat(FakeFoundry.CHAT_ALIAS, ",\"stream\":true"))) {
            client.awaitText("\" from\"");
            assertThat(foundry.engine.generationsRunning()).isEqualTo(1);
        }

        eventually("the held generation is cancelled", () -> foundry.engine.generationsRunning() == 0);
        eventually("the model has no request in flight", () -> inFlight() == 0);
    }

    @Test
    void aClientThatHangsUpWhileQueuedLeavesTheQueue() throws Exception {
        foundry.engine.holdGenerations();
        var running = chatAsync("");
        assertThat(foundry.engine.awaitGenerationsHeld(1, PATIENCE)).isTrue();
        try (StreamingClient waiting = new StreamingClient(server.port(), "/v1/chat/completions",
                RestApiSuite.chat(FakeFoundry.CHAT_ALIAS, ",\"stream\":true"))) {
            eventually("the streamed request waits in the queue", () -> inFlight() == 2);
            waiting.awaitText(": keep-alive");
        }

        eventually("the queued request left the queue", () -> inFlight() == 1);
        assertThat(running).isNotDone();
        foundry.engine.releaseGenerations();
        assertThat(running.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void aForcedUnloadEndsAStartedStreamWithAFinalErrorEvent() {
        foundry.engine.holdGenerationsAfter(2);
        try (StreamingClient client = new StreamingClient(server.port(), "/v1/chat/completions",
                RestApiSuite.chat(FakeFoundry.CHAT_ALIAS, ",\"stream\":true"))) {
            client.awaitText("\" from\"");

            foundry.core.unload(FakeFoundry.CHAT_ALIAS, true);
            String stream = client.readToEnd();

            assertThat(client.head()).startsWith("HTTP/1.1 200");
            var events = RestApiSuite.dataEvents(stream);
            assertThat(events.getLast()).startsWith("{\"error\":{");
            assertThat(RestApiSuite.parse(events.getLast()).get("error").get("type").asText()).isEqualTo("server_error");
            assertThat(events).doesNotContain("[DONE]");
        }
    }

    @Test
    void aClientThatHangsUpDuringADownloadCancelsIt() throws Exception {
        foundry.downloader.hold();
        ModelId id = ModelId.parse(FakeFoundry.DOWNLOADABLE_ID);
        try (StreamingClient client = new StreamingClient(server.port(), "/openai/download",
                "{\"model\":{\"Name\":\"" + FakeFoundry.DOWNLOADABLE_ID + "\"}}")) {
            // The fake downloader holds right after reporting 0 %; the handler keeps repeating that line.
            client.awaitText("Total 0% Downloading model.onnx\nTotal 0% Downloading model.onnx\n");
        }
        eventually("the hang-up is noticed", () -> metric("jfoundry_client_disconnects_total").equals("1"));

        foundry.downloader.release();
        foundry.core.download(FakeFoundry.DOWNLOADABLE_ID, DownloadListener.IGNORE, new CancellationSignal());

        // Had the first download run on, the second call would have found the model cached and not downloaded again.
        assertThat(foundry.downloader.callCount(id)).isEqualTo(2);
    }

    private String metric(String name) {
        try {
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return metrics.body().lines().filter(l -> l.startsWith(name + " ")).findFirst().orElseThrow()
                    .substring(name.length() + 1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void errorsFoundBeforeTheFirstTokenKeepTheirStatusEvenWhenStreaming() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + "/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(RestApiSuite.chat(FakeFoundry.UNCACHED_ALIAS, ",\"stream\":true")))
                .build();

        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("No OpenAIService provider found for modelName:");
    }
}
