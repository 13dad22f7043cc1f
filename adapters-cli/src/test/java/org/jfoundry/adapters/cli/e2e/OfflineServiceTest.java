package org.jfoundry.adapters.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real background service with the online catalog unreachable (its endpoint refuses connections), no saved copy of
 * it, no {@code FOUNDRY_CATALOG}, and one model placed in the cache by hand: what can be served is still listed and
 * served, and the CLI says that the online catalog could not be reached and how to work offline.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfflineServiceTest {
    static final Pattern STARTED = Pattern.compile("Service is Started on (http://127\\.0\\.0\\.1:\\d+)/, PID (\\d+)!");
    static final String MODEL = "Fake-chat-generic-cpu:1";

    @TempDir
    static Path home;
    CliProcesses foundry;
    String url;
    long pid;

    @BeforeAll
    void startOffline() throws Exception {
        Path cache = home.resolve("cache/models");
        Path folder = Files.createDirectories(cache.resolve("Microsoft/Fake-chat-generic-cpu-1/v1"));
        Files.writeString(folder.resolve("genai_config.json"), "{\"model\":{\"type\":\"fake\"}}");
        Files.writeString(folder.resolve("tokenizer.json"), "{}");
        Files.writeString(folder.resolve("inference_model.json"),
                "{\"Name\":\"" + MODEL + "\",\"Alias\":\"fake-chat\",\"Task\":\"chat-completion\"}");
        Files.writeString(home.resolve("settings.json"), """
                {"serviceSettings":{"host":"127.0.0.1","port":0,"cacheDirectoryPath":"%s","defaultSecondsForModelTTL":600,
                 "catalogSources":["foundry"]}}
                """.formatted(cache));
        foundry = new CliProcesses(home, 0).with("FOUNDRY_CATALOG", "")
                .with("FOUNDRY_CATALOG_ENDPOINT", "http://127.0.0.1:9"); // the discard port: connection refused
        CliProcesses.Run start = foundry.run(null, "service", "start");
        Matcher started = STARTED.matcher(start.out());
        assertThat(started.find()).as(start.toString()).isTrue();
        url = started.group(1);
        pid = Long.parseLong(started.group(2));
    }

    @AfterAll
    void stop() throws Exception {
        Optional<ProcessHandle> left = ProcessHandle.of(pid);
        if (left.isPresent()) {
            foundry.run(null, "service", "stop");
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void theListAnswers200WithTheDownloadedModelAndAHeaderNamingTheUnreachableCatalog() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(url + "/foundry/list")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(list.body()).contains("\"name\":\"" + MODEL + "\"").contains("\"alias\":\"fake-chat\"");
            assertThat(list.headers().firstValue("X-Foundry-Catalog-Unreachable")).hasValueSatisfying(
                    reason -> assertThat(reason).startsWith("foundry: "));
        }
    }

    @Test
    void modelListShowsWhatCanBeServedAndSaysHowToWorkOffline() throws Exception {
        CliProcesses.Run list = foundry.run(null, "model", "list");

        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.out()).contains(MODEL);
        assertThat(list.err()).contains("The online catalog could not be reached").contains("FOUNDRY_CATALOG");
    }

    @Test
    void aDownloadedModelRunsOfflineAndAnUnknownOneSaysTheCatalogCouldNotBeReached() throws Exception {
        CliProcesses.Run run = foundry.run("Hi\n", "model", "run", "fake-chat");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo(ServiceForClients.ANSWER + "\n");

        CliProcesses.Run unknown = foundry.run(null, "model", "run", "phi-4-mini", "Hello");
        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(4);
        assertThat(unknown.err()).contains("Model 'phi-4-mini' was not found")
                .contains("The online catalog could not be reached").contains("FOUNDRY_CATALOG");
    }
}
