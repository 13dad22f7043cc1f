package org.jfoundry.adapters.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.ChatMessage;
import org.jfoundry.ports.model.DeviceType;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.model.ModelId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a JDK HTTP server that answers as the Foundry REST API does. */
class HttpServiceClientTest {
    HttpServer server;
    HttpServiceClient client;
    final Map<String, String> requestBodies = new ConcurrentHashMap<>();
    final List<String> requestedPaths = new ArrayList<>();
    final List<String> requestMethods = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        client = new HttpServiceClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), null);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    void answer(String path, int status, String contentType, String body) {
        server.createContext(path, exchange -> {
            synchronized (requestedPaths) {
                requestedPaths.add(exchange.getRequestURI().toString());
            }
            requestMethods.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            requestBodies.put(path, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
    }

    @Test
    void readsTheCatalogInTheFoundryListShapeSkippingEntriesItCannotRepresent() {
        answer("/foundry/list", 200, "application/json", """
                [{"name":"Phi-4-mini-instruct-generic-cpu:1","displayName":"Phi-4-mini-instruct-generic-cpu",
                  "providerType":"AzureFoundry","uri":"azureml://registries/azureml/models/Phi-4-mini-instruct-generic-cpu/versions/1",
                  "version":"1","modelType":"ONNX",
                  "promptTemplate":{"system":"<|system|>{Content}<|end|>","user":"<|user|>{Content}<|end|>","assistant":"<|assistant|>{Content}<|end|>","prompt":"<|user|>{Content}<|end|><|assistant|>"},
                  "publisher":"Microsoft","task":"chat-completion","runtime":{"deviceType":"CPU","executionProvider":"CPUExecutionProvider"},
                  "fileSizeMb":4770,"modelSettings":{"parameters":[]},"alias":"phi-4-mini","supportsToolCalling":true,
                  "license":"MIT","licenseDescription":"...","parentModelUri":"azureml://x","maxOutputTokens":2048,"minFLVersion":null},
                 {"name":"Future-model-npu:1","uri":"azureml://y","runtime":{"deviceType":"NPU","executionProvider":"FutureExecutionProvider"}}]
                """);

        var catalog = client.catalog();

        assertThat(catalog).hasSize(1);
        var phi = catalog.getFirst();
        assertThat(phi.id()).isEqualTo(ModelId.parse("Phi-4-mini-instruct-generic-cpu:1"));
        assertThat(phi.alias()).isEqualTo("phi-4-mini");
        assertThat(phi.runtime().deviceType()).isEqualTo(DeviceType.CPU);
        assertThat(phi.runtime().executionProvider()).isEqualTo(ExecutionProvider.CPU);
        assertThat(phi.fileSizeMb()).isEqualTo(4770);
        assertThat(phi.promptTemplate().prompt()).isEqualTo("<|user|>{Content}<|end|><|assistant|>");
        assertThat(phi.maxOutputTokens()).isEqualTo(2048);
        assertThat(CatalogJson.write(phi).toString()).contains("\"name\":\"Phi-4-mini-instruct-generic-cpu:1\"")
                .contains("\"executionProvider\":\"CPUExecutionProvider\"");
    }

    @Test
    void readsCachedAndLoadedIdsAndTheStatus() {
        answer("/openai/models", 200, "application/json", "[\"A-generic-cpu:1\",\"B:2\"]");
        answer("/openai/loadedmodels", 200, "application/json", "[\"B:2\"]");
        answer("/openai/status", 200, "application/json", """
                {"endpoints":["http://127.0.0.1:5272"],"modelDirPath":"/models","pipeName":null,
                 "isAutoRegistrationResolved":true,"autoRegistrationStatus":"Valid EPs: CPUExecutionProvider, CUDAExecutionProvider"}""");

        assertThat(client.cachedModels()).containsExactly(ModelId.parse("A-generic-cpu:1"), ModelId.parse("B:2"));
        assertThat(client.loadedModels()).containsExactly(ModelId.parse("B:2"));
        ServiceInfo status = client.status();
        assertThat(status.modelDirPath()).isEqualTo("/models");
        assertThat(status.providers()).containsExactly("CPUExecutionProvider", "CUDAExecutionProvider");
    }

    @Test
    void resolvingAsksTheServiceWhichVariantItWouldUse() {
        answer("/foundry/resolve/", 200, "application/json", """
                {"name":"Phi-4-mini-instruct-cuda-gpu:2","cached":false,
                 "model":{"name":"Phi-4-mini-instruct-cuda-gpu:2","uri":"azureml://x","alias":"phi-4-mini",
                          "runtime":{"deviceType":"GPU","executionProvider":"CUDAExecutionProvider"}}}""");

        org.jfoundry.ports.in.ResolvedModel resolved = client.resolve("phi-4-mini", ExecutionProvider.CUDA);

        assertThat(resolved.model().id()).isEqualTo(ModelId.parse("Phi-4-mini-instruct-cuda-gpu:2"));
        assertThat(resolved.model().runtime().executionProvider()).isEqualTo(ExecutionProvider.CUDA);
        assertThat(resolved.cached()).isFalse();
        assertThat(requestMethods).containsExactly("GET /foundry/resolve/phi-4-mini?ep=cuda");
    }

    @Test
    void removingSendsADeleteOfTheCachedModelWithTheUnloadChoice() {
        answer("/openai/models/", 200, "application/json", "{\"name\":\"Phi-4-mini-instruct-generic-cpu:1\",\"removed\":true}");

        assertThat(client.removeCached("phi-4-mini", true)).isEqualTo(ModelId.parse("Phi-4-mini-instruct-generic-cpu:1"));
        assertThat(requestMethods).containsExactly("DELETE /openai/models/phi-4-mini?unload=true");
    }

    @Test
    void aRemovalTheServiceRefusesIsAServiceErrorWithItsStatusAndMessage() {
        answer("/openai/models/", 409, "application/json",
                "{\"error\":{\"message\":\"Model X:1 is loaded\",\"type\":\"invalid_request_error\",\"code\":\"model_in_use\"}}");

        assertThatThrownBy(() -> client.removeCached("X:1", false)).isInstanceOfSatisfying(ServiceError.class, e -> {
            assertThat(e.status()).isEqualTo(409);
            assertThat(e).hasMessage("Model X:1 is loaded");
        });
    }

    @Test
    void loadAndUnloadSendTheFoundryQueryParameters() {
        answer("/openai/load/", 200, "application/json", "");
        answer("/openai/unload/", 200, "application/json", "");

        client.load("Phi-4:1", Duration.ofSeconds(120), ExecutionProvider.CUDA);
        client.load("phi-4", null, null);
        client.unload("Phi-4:1", true);

        assertThat(requestedPaths).containsExactly("/openai/load/Phi-4%3A1?ttl=120&ep=cuda", "/openai/load/phi-4",
                "/openai/unload/Phi-4%3A1?force=true");
    }

    @Test
    void anErrorAnswerBecomesAServiceErrorWithTheServicesMessage() {
        answer("/openai/load/", 400, "application/json",
                "{\"error\":{\"message\":\"No OpenAIService provider found for modelName:x\",\"type\":\"invalid_request_error\"}}");
        assertThatThrownBy(() -> client.load("x", null, null))
                .isInstanceOfSatisfying(ServiceError.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessage("No OpenAIService provider found for modelName:x");
        assertThat(HttpServiceClient.errorMessage(503, "plain text\n")).isEqualTo("plain text");
        assertThat(HttpServiceClient.errorMessage(503, "")).isEqualTo("the service answered HTTP 503");
    }

    @Test
    void downloadReportsPercentagesAndSendsTheFoundryBody() {
        answer("/openai/download", 200, "text/plain", """
                Total 0% Downloading model.onnx
                Total 42.5% Downloading model.onnx.data
                Total 100% Downloading tokenizer.json
                [DONE] All Completed!
                {"success":true,"errorMessage":null}
                """);
        List<Double> seen = new ArrayList<>();

        client.download(org.jfoundry.adapters.cli.support.CliHarness.model("Phi-4-mini-instruct-generic-cpu:1",
                "phi-4-mini", DeviceType.CPU, ExecutionProvider.CPU, 10), seen::add);

        assertThat(seen).containsExactly(0.0, 42.5, 100.0);
        assertThat(requestBodies.get("/openai/download"))
                .contains("\"Name\":\"Phi-4-mini-instruct-generic-cpu:1\"")
                .contains("\"Uri\":\"azureml://registries/azureml/models/Phi-4-mini-instruct-generic-cpu/versions/1\"")
                .contains("\"ProviderType\":\"AzureFoundryLocal\"").contains("\"IgnorePipeReport\":true");
    }

    @Test
    void aFailedDownloadCarriesTheServicesReason() {
        answer("/openai/download", 200, "text/plain", "Total 3% Downloading a\n{\"success\":false,\"errorMessage\":\"disk full\"}\n");
        assertThatThrownBy(() -> client.download(org.jfoundry.adapters.cli.support.CliHarness.model("M:1", null,
                DeviceType.CPU, ExecutionProvider.CPU, 1), p -> { }))
                .isInstanceOf(ServiceError.class).hasMessageContaining("disk full");
    }

    @Test
    void aDownloadThatEndsWithoutItsVerdictIsAnError() {
        answer("/openai/download", 200, "text/plain", "Total 3% Downloading a\n");
        assertThatThrownBy(() -> client.download(org.jfoundry.adapters.cli.support.CliHarness.model("M:1", null,
                DeviceType.CPU, ExecutionProvider.CPU, 1), p -> { }))
                .isInstanceOf(ServiceError.class).hasMessageContaining("without saying whether it worked");
    }

    @Test
    void chatStreamsContentChunksAndReadsUsageAndFinishReason() {
        answer("/v1/chat/completions", 200, "text/event-stream", """
                data: {"object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}

                data: {"object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}]}

                data: {"object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"lo ✓"},"finish_reason":null}]}

                data: {"object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"timings":{"time_to_first_token_ms":42.5,"total_ms":300.0,"tokens_per_second":25.0}}

                data: {"object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":7,"total_tokens":12}}

                data: [DONE]

                """);
        List<String> chunks = new ArrayList<>();

        ChatReply reply = client.chat("phi", List.of(ChatMessage.system("Be brief"), ChatMessage.user("Hi")),
                chunks::add, new CancellationSignal());

        assertThat(chunks).containsExactly("Hel", "lo ✓");
        assertThat(reply.text()).isEqualTo("Hello ✓");
        assertThat(reply.completionTokens()).isEqualTo(7);
        assertThat(reply.finishReason()).isEqualTo("stop");
        assertThat(reply.cancelled()).isFalse();
        // The service's own figures: its core is the one place that measures the time to first token.
        assertThat(reply.timings().timeToFirstToken()).isEqualTo(java.time.Duration.ofNanos(42_500_000));
        assertThat(reply.timings().total()).isEqualTo(java.time.Duration.ofMillis(300));
        assertThat(reply.timings().tokensPerSecond()).isEqualTo(25.0);
        assertThat(requestBodies.get("/v1/chat/completions")).contains("\"stream\":true")
                .contains("{\"role\":\"system\",\"content\":\"Be brief\"}").contains("\"include_usage\":true");
    }

    @Test
    void anErrorEventInTheStreamIsAServiceError() {
        answer("/v1/chat/completions", 200, "text/event-stream",
                "data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\ndata: {\"error\":{\"message\":\"model was unloaded\"}}\n\n");
        assertThatThrownBy(() -> client.chat("m", List.of(ChatMessage.user("x")), c -> { }, new CancellationSignal()))
                .isInstanceOf(ServiceError.class).hasMessage("model was unloaded");
    }

    @Test
    void cancellingAChatClosesTheConnectionAndReturnsWhatCame() throws Exception {
        CountDownLatch clientLeft = new CountDownLatch(1);
        server.createContext("/v1/chat/completions", exchange -> streamUntilTheClientLeaves(exchange, clientLeft));
        CancellationSignal cancel = new CancellationSignal();
        List<String> chunks = new ArrayList<>();

        ChatReply reply = client.chat("m", List.of(ChatMessage.user("x")), chunk -> {
            chunks.add(chunk);
            if (chunks.size() == 2) {
                cancel.cancel("Ctrl+C");
            }
        }, cancel);

        assertThat(reply.cancelled()).isTrue();
        assertThat(reply.finishReason()).isNull();
        assertThat(chunks).containsExactly("tok", "tok");
        assertThat(clientLeft.await(30, TimeUnit.SECONDS)).as("the server noticed the client leave").isTrue();
    }

    /** Streams a chunk every 20 ms, for at most 30 s, until writing fails because the client closed the connection. */
    private static void streamUntilTheClientLeaves(HttpExchange exchange, CountDownLatch clientLeft) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try {
            while (System.nanoTime() < deadline) {
                out.write("data: {\"choices\":[{\"delta\":{\"content\":\"tok\"}}]}\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(20);
            }
        } catch (IOException gone) {
            clientLeft.countDown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    @Test
    void aConfiguredApiKeyIsSentAsABearerToken() {
        List<String> authorizations = new ArrayList<>();
        server.createContext("/openai/loadedmodels", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());

        new HttpServiceClient(url, "s3cret").loadedModels();
        new HttpServiceClient(url, null).loadedModels();

        assertThat(authorizations).containsExactly("Bearer s3cret", "null");
    }

    @Test
    void aServiceThatIsNotThereIsUnreachable() {
        server.stop(0);
        assertThatThrownBy(() -> client.loadedModels()).isInstanceOf(ServiceUnreachable.class)
                .hasMessageContaining("did not answer");
    }
}
