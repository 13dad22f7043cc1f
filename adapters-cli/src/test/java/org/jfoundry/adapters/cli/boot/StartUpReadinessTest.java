package org.jfoundry.adapters.cli.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jfoundry.adapters.cli.ServiceHost.HostedService;
import org.jfoundry.adapters.rest.Health;
import org.jfoundry.adapters.rest.RestServer;
import org.jfoundry.adapters.rest.RestSettings;
import org.jfoundry.adapters.rest.RunningServer;
import org.jfoundry.ports.failure.EngineFailureException;
import org.jfoundry.ports.in.FoundryService;
import org.jfoundry.ports.settings.FoundryHome;
import org.jfoundry.ports.settings.ServiceSettings;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service listens before its engines are up: what clients see during that start-up, and after it. */
class StartUpReadinessTest {
    private static final Duration GENEROUS = Duration.ofSeconds(60);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    Path home;

    @Test
    @DisplayName("a request that arrives while the engines start waits for them and is then answered right")
    void aRequestDuringStartUpWaitsAndIsThenAnswered() throws Exception {
        CompletableFuture<FoundryService> core = new CompletableFuture<>();
        Health health = Health.starting();
        try (RunningServer server = RestServer.start(new AwaitedCore(core, GENEROUS), restSettings(), health)) {
            HttpResponse<String> starting = get(server.url(), "/health");
            assertThat(starting.statusCode()).isEqualTo(503);
            assertThat(starting.body()).contains("\"starting\"");

            CompletableFuture<HttpResponse<String>> early = getAsync(server.url(), "/openai/loadedmodels");
            awaitWaitingRequest(core);
            assertThat(early).as("no answer before the core is there").isNotDone();

            core.complete(coreWithNoLoadedModels());
            health.markReady();
            HttpResponse<String> answer = early.get(GENEROUS.toSeconds(), TimeUnit.SECONDS);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body().replace(" ", "")).isEqualTo("[]");
            assertThat(get(server.url(), "/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("a request to a service whose start-up failed is answered with the reason")
    void aRequestToAFailedStartUpIsAnsweredWithTheReason() throws Exception {
        CompletableFuture<FoundryService> core = CompletableFuture.failedFuture(
                new EngineFailureException("libonnxruntime.so could not be loaded"));
        try (RunningServer server = RestServer.start(new AwaitedCore(core, GENEROUS), restSettings(), Health.starting())) {
            HttpResponse<String> answer = get(server.url(), "/openai/loadedmodels");
            assertThat(answer.statusCode()).isEqualTo(500);
            assertThat(answer.body()).contains("could not start").contains("libonnxruntime.so could not be loaded");
        }
    }

    @Test
    @DisplayName("a start-up slower than the wait a request allows is a 503 the client may retry")
    void aStartUpSlowerThanTheWaitIsA503() throws Exception {
        CompletableFuture<FoundryService> never = new CompletableFuture<>();
        try (RunningServer server = RestServer.start(new AwaitedCore(never, Duration.ofMillis(50)), restSettings(),
                Health.starting())) {
            HttpResponse<String> answer = get(server.url(), "/openai/loadedmodels");
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.body()).contains("still starting");
        }
    }

    @Test
    @DisplayName("the assembled service listens at once and reports ready once its engine is up")
    void theAssembledServiceBecomesReady() throws Exception {
        ServiceAssembly assembly = new ServiceAssembly(new FoundryHome(home), Map.of(EngineOverride.VARIABLE, "fake"));
        try (HostedService service = assembly.startListening(settings())) {
            int health = get(service.url().toString(), "/health").statusCode();
            assertThat(health).as("starting (503) or already ready (200)").isIn(200, 503);
            service.awaitReady();
            assertThat(get(service.url().toString(), "/health").statusCode()).isEqualTo(200);
            assertThat(get(service.url().toString(), "/openai/loadedmodels").statusCode()).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("an engine that cannot start fails the start-up with the reason and closes the server")
    void anEngineThatCannotStartFailsTheStartUp() throws Exception {
        ServiceAssembly assembly = new ServiceAssembly(new FoundryHome(home),
                Map.of(EngineOverride.VARIABLE, "no-such-engine"));
        HostedService service = assembly.startListening(settings());
        URI url = service.url();
        assertThatThrownBy(service::awaitReady).isInstanceOf(EngineFailureException.class)
                .hasMessageContaining("no-such-engine");
        assertThatThrownBy(() -> get(url.toString(), "/health")).as("it no longer listens")
                .isInstanceOf(ConnectException.class);
        service.close(); // already closed: a second close does nothing
    }

    /** Until a request thread blocks on the core: a thread in get() counts as one of the future's dependents. */
    private static void awaitWaitingRequest(CompletableFuture<?> core) throws InterruptedException {
        long deadline = System.nanoTime() + GENEROUS.toNanos();
        while (core.getNumberOfDependents() == 0) {
            assertThat(System.nanoTime()).as("a request waits for the core").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private ServiceSettings settings() throws IOException {
        Files.writeString(home.resolve("catalog.json"), "[]");
        return ServiceSettings.defaults(home).withPort(0).withCatalogSources(List.of("local:catalog.json"));
    }

    private RestSettings restSettings() throws IOException {
        return RestSettings.from(settings(), Map.of());
    }

    private static FoundryService coreWithNoLoadedModels() {
        return (FoundryService) Proxy.newProxyInstance(StartUpReadinessTest.class.getClassLoader(),
                new Class<?>[] {FoundryService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("listLoaded")) {
                        return List.of();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private HttpResponse<String> get(String base, String path) throws IOException, InterruptedException {
        return http.send(request(base, path), HttpResponse.BodyHandlers.ofString());
    }

    private CompletableFuture<HttpResponse<String>> getAsync(String base, String path) {
        return http.sendAsync(request(base, path), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(String base, String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(GENEROUS).GET().build();
    }
}
