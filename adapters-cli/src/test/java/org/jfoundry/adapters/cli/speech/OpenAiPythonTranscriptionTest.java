package org.jfoundry.adapters.cli.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jfoundry.adapters.cli.ServiceHost.HostedService;
import org.jfoundry.adapters.cli.boot.InProcessServices;
import org.jfoundry.adapters.cli.e2e.TestClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official openai-python client, unchanged, calling {@code audio.transcriptions.create} on the service: Whisper
 * tiny.en (converted from CTranslate2, as {@link SpeechFixtures} does) in the cache of a fresh foundry home, served by
 * the real ONNX Runtime engine through the REST API on a real port, asked about espeak-ng speech in every response
 * format, and about files it must refuse.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES) // one model load and a few short clips on a loaded 2-core machine
class OpenAiPythonTranscriptionTest {
    static final String ALIAS = "whisper-tiny-en";
    static final String ID = "whisper-tiny-en-generic-cpu:1";
    static final String SENTENCE = "Please call Stella and ask her to bring these things with her from the store.";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SRT_TIME = Pattern.compile("(\\d\\d):(\\d\\d):(\\d\\d),(\\d{3}) --> (\\d\\d):(\\d\\d):(\\d\\d),(\\d{3})");
    private static final Pattern VTT_TIME = Pattern.compile("(\\d\\d):(\\d\\d):(\\d\\d)\\.(\\d{3}) --> (\\d\\d):(\\d\\d):(\\d\\d)\\.(\\d{3})");

    @TempDir
    static Path home;
    HostedService service;
    Path speech;

    @BeforeAll
    void serveWhisperFromAFreshHome() throws Exception {
        speech = Files.write(home.resolve("speech.wav"), SpeechFixtures.speak(SENTENCE));
        Path folder = home.resolve("cache/models/jfoundry/whisper-tiny-en-generic-cpu-1/v1");
        copyFolder(SpeechFixtures.whisperTinyEn(), folder);
        Files.writeString(folder.resolve("inference_model.json"), JSON.writeValueAsString(JSON.createObjectNode()
                .put("Name", ID).put("Alias", ALIAS).put("Task", "automatic-speech-recognition")));
        Files.writeString(home.resolve("catalog.json"), "[]");
        ObjectNode fields = JSON.createObjectNode();
        fields.put("host", "127.0.0.1");
        fields.put("port", 0);
        fields.put("cacheDirectoryPath", home.resolve("cache/models").toString());
        fields.put("defaultSecondsForModelTTL", 600);
        fields.put("intraOpThreads", 2);
        fields.putArray("catalogSources").add("local:catalog.json");
        Files.writeString(home.resolve("settings.json"), JSON.writeValueAsString(
                JSON.createObjectNode().set("serviceSettings", fields)));
        service = InProcessServices.start(home);
    }

    @AfterAll
    void stopTheService() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void everyResponseFormatCarriesTheSpokenSentence() throws Exception {
        JsonNode found = client("formats", ALIAS, speech);

        JsonNode json = found.get("json");
        System.out.println("openai-python json: " + json.get("text").asText());
        assertThat(json.get("type").asText()).isEqualTo("Transcription");
        assertFewWordErrors(json.get("text").asText());
        String text = found.get("text").asText();
        assertThat(text.strip()).isEqualTo(json.get("text").asText().strip());

        JsonNode verbose = found.get("verbose");
        assertThat(verbose.get("type").asText()).isEqualTo("TranscriptionVerbose");
        assertThat(verbose.get("text").asText().strip()).isEqualTo(text.strip());
        assertThat(verbose.get("language").asText()).isIn("en", "english");
        double duration = verbose.get("duration").asDouble();
        assertThat(duration).isBetween(2.0, 10.0);
        JsonNode segments = verbose.get("segments");
        assertThat(segments).isNotEmpty();
        double previousEnd = 0;
        StringBuilder segmentText = new StringBuilder();
        for (JsonNode segment : segments) {
            double start = segment.get("start").asDouble();
            double end = segment.get("end").asDouble();
            assertThat(start).as("segment %s start", segment.get("id")).isGreaterThanOrEqualTo(previousEnd - 1e-9);
            assertThat(end).as("segment %s end", segment.get("id")).isGreaterThan(start);
            previousEnd = end;
            segmentText.append(segment.get("text").asText()).append(' ');
        }
        assertThat(previousEnd).isLessThanOrEqualTo(duration + 1e-6);
        assertThat(SpeechFixtures.words(segmentText.toString())).isEqualTo(SpeechFixtures.words(text));

        assertSubtitles(found.get("srt").asText(), SRT_TIME, "", segments, text);
        assertSubtitles(found.get("vtt").asText(), VTT_TIME, "WEBVTT", segments, text);
    }

    @Test
    void anEmptyFileIsTheSdksBadRequestErrorWithOpenAisErrorJson() throws Exception {
        Path empty = Files.write(home.resolve("empty.wav"), new byte[0]);

        assertRefused(client("refused", ALIAS, empty));
    }

    @Test
    void aFileThatIsNotAudioIsTheSdksBadRequestErrorAndTheServiceAnswersOn() throws Exception {
        Path notAudio = Files.writeString(home.resolve("notes.wav"), "These are notes, not sound.\n".repeat(20));

        assertRefused(client("refused", ALIAS, notAudio));
        JsonNode after = client("formats", ALIAS, speech);
        assertFewWordErrors(after.get("json").get("text").asText());
    }

    private static void assertRefused(JsonNode found) {
        assertThat(found.get("error").asText()).as(found.toString()).isEqualTo("BadRequestError");
        assertThat(found.get("status").asInt()).isEqualTo(400);
        JsonNode error = found.get("wire").get("error");
        assertThat(error).as(found.toString()).isNotNull();
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.has("param")).isTrue();
        assertThat(error.has("code")).isTrue();
        // The SDK hands out the inner object as the error's body.
        assertThat(found.get("body")).isEqualTo(error);
    }

    private static void assertFewWordErrors(String transcript) {
        // Tiny.en reads this espeak-ng sentence without an error in process (WhisperTranscriptionTest); the bound
        // leaves room for numeric differences between machines, not for a transcript of another sentence.
        assertThat(SpeechFixtures.wordErrorRate(SENTENCE, transcript)).as(transcript).isLessThanOrEqualTo(0.2);
    }

    /** One cue per segment, in order, with the segment's times (to the millisecond) and words. */
    private static void assertSubtitles(String subtitles, Pattern timing, String header, JsonNode segments, String text) {
        assertThat(subtitles.strip()).startsWith(header);
        Matcher times = timing.matcher(subtitles);
        int cues = 0;
        double previousEnd = 0;
        while (times.find()) {
            double start = seconds(times, 1);
            double end = seconds(times, 5);
            JsonNode segment = segments.get(cues);
            assertThat(start).as(subtitles).isCloseTo(segment.get("start").asDouble(), offset(0.0015));
            assertThat(end).as(subtitles).isCloseTo(segment.get("end").asDouble(), offset(0.0015));
            assertThat(start).isGreaterThanOrEqualTo(previousEnd);
            previousEnd = end;
            cues++;
        }
        assertThat(cues).as(subtitles).isEqualTo(segments.size());
        String words = subtitles.lines().filter(line -> !timing.matcher(line).find() && !line.strip().matches("\\d+")
                && !line.strip().equals("WEBVTT")).reduce("", (a, b) -> a + " " + b);
        assertThat(SpeechFixtures.words(words)).isEqualTo(SpeechFixtures.words(text));
    }

    private static double seconds(Matcher times, int group) {
        return Integer.parseInt(times.group(group)) * 3600 + Integer.parseInt(times.group(group + 1)) * 60
                + Integer.parseInt(times.group(group + 2)) + Integer.parseInt(times.group(group + 3)) / 1000.0;
    }

    private JsonNode client(String kind, String model, Path file) throws Exception {
        TestClients.Run run = TestClients.python("openai_transcription.py", Map.of("JFOUNDRY_URL",
                service.url().toString().replaceAll("/$", "")), kind, model, file.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return JSON.readTree(run.lastLine());
    }

    private static void copyFolder(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
