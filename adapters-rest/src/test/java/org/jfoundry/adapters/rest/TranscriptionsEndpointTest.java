package org.jfoundry.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.BadRequestException;
import com.openai.models.audio.AudioResponseFormat;
import com.openai.models.audio.transcriptions.TranscriptionCreateParams;
import com.openai.models.audio.transcriptions.TranscriptionCreateResponse;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.jfoundry.ports.inference.TranscriptionRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/audio/transcriptions} over HTTP, against the fake engine's speech model. */
class TranscriptionsEndpointTest {
    private static final String BOUNDARY = "----jfoundry-test-boundary";
    private static final byte[] WAV = wav(64_000);

    private static FakeFoundry foundry;
    private static RunningServer server;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        foundry = new FakeFoundry();
        server = RestServer.start(foundry.core, RestSettings.loopback(0));
    }

    @AfterAll
    static void stop() {
        server.stop();
        foundry.close();
    }

    record Answer(int status, String contentType, String body) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (java.io.IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private static Answer post(Map<String, String> fields, byte[] file) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                    + "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        if (file != null) {
            body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; "
                    + "filename=\"speech.wav\"\r\nContent-Type: audio/wav\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(file);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.url()
                        + "/v1/audio/transcriptions")).header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    @Test
    void jsonIsTheDefaultAndHoldsTheText() throws Exception {
        Answer answer = post(Map.of("model", FakeFoundry.SPEECH_ALIAS), WAV);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(answer.json().get("text").asText()).isEqualTo("Hello from the fake recogniser.");
    }

    @Test
    void textIsTheBareTranscript() throws Exception {
        Answer answer = post(Map.of("model", FakeFoundry.SPEECH_ALIAS, "response_format", "text"), WAV);

        assertThat(answer.contentType()).startsWith("text/plain");
        assertThat(answer.body()).isEqualTo("Hello from the fake recogniser.\n");
    }

    @Test
    void srtNumbersItsCuesWithCommaMilliseconds() throws Exception {
        Answer answer = post(Map.of("model", FakeFoundry.SPEECH_ALIAS, "response_format", "srt"), WAV);

        assertThat(answer.body()).isEqualTo("1\n00:00:00,000 --> 00:00:01,000\nHello from\n\n"
                + "2\n00:00:01,000 --> 00:00:02,000\nthe fake recogniser.\n\n");
    }

    @Test
    void vttStartsWithItsHeaderAndUsesDotMilliseconds() throws Exception {
        Answer answer = post(Map.of("model", FakeFoundry.SPEECH_ALIAS, "response_format", "vtt"), WAV);

        assertThat(answer.contentType()).startsWith("text/vtt");
        assertThat(answer.body()).isEqualTo("WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nHello from\n\n"
                + "00:00:01.000 --> 00:00:02.000\nthe fake recogniser.\n\n");
    }

    @Test
    void verboseJsonHasTheSegmentsOpenAiDescribes() throws Exception {
        Answer answer = post(Map.of("model", FakeFoundry.SPEECH_ALIAS, "response_format", "verbose_json",
                "timestamp_granularities[]", "segment"), WAV);

        JsonNode json = answer.json();
        assertThat(json.get("task").asText()).isEqualTo("transcribe");
        assertThat(json.get("language").asText()).isEqualTo("english");
        assertThat(json.get("duration").asDouble()).isEqualTo(2.0);
        JsonNode second = json.get("segments").get(1);
        assertThat(second.get("id").asInt()).isEqualTo(1);
        assertThat(second.get("start").asDouble()).isEqualTo(1.0);
        assertThat(second.get("end").asDouble()).isEqualTo(2.0);
        assertThat(second.get("text").asText()).isEqualTo(" the fake recogniser.");
        assertThat(second.get("tokens")).hasSize(3);
        for (String field : new String[] {"seek", "temperature", "avg_logprob", "compression_ratio", "no_speech_prob"}) {
            assertThat(second.has(field)).as(field).isTrue();
        }
    }

    @Test
    void anEmptyFileIsA400OnFile() throws Exception {
        Answer answer = post(Map.of("model", FakeFoundry.SPEECH_ALIAS), new byte[0]);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().at("/error/param").asText()).isEqualTo("file");
        assertThat(answer.json().at("/error/message").asText()).contains("empty");
    }

    @Test
    void aMissingFileIsA400() throws Exception {
        Answer answer = post(Map.of("model", FakeFoundry.SPEECH_ALIAS), null);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().at("/error/param").asText()).isEqualTo("file");
    }

    @Test
    void anUnsupportedFormatIsA400FromTheEngine() throws Exception {
        Answer answer = post(Map.of("model", FakeFoundry.SPEECH_ALIAS), "ID3 not audio".getBytes());

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().at("/error/message").asText()).contains("unsupported audio format");
    }

    @Test
    void aFileOverTheJsonBodyLimitButUnderTwentyFiveMegabytesReachesTheEngine() throws Exception {
        Answer answer = post(Map.of("model", FakeFoundry.SPEECH_ALIAS), new byte[20 << 20]);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().at("/error/message").asText()).contains("unsupported audio format");
    }

    @Test
    void aFileOverTheLimitIsA413() throws Exception {
        Answer answer = post(Map.of("model", FakeFoundry.SPEECH_ALIAS),
                new byte[TranscriptionRequest.MAX_AUDIO_BYTES + (2 << 20)]);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.json().at("/error/type").asText()).isEqualTo("invalid_request_error");
    }

    @Test
    void anUnknownResponseFormatIsA400Naming() throws Exception {
        Answer answer = post(Map.of("model", FakeFoundry.SPEECH_ALIAS, "response_format", "mp3"), WAV);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().at("/error/param").asText()).isEqualTo("response_format");
    }

    @Test
    void wordTimestampsAreRefusedNotIgnored() throws Exception {
        Answer answer = post(Map.of("model", FakeFoundry.SPEECH_ALIAS, "response_format", "verbose_json",
                "timestamp_granularities[]", "word"), WAV);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().at("/error/param").asText()).isEqualTo("timestamp_granularities");
    }

    @Test
    void aChatModelIsA400OnModel() throws Exception {
        Answer answer = post(Map.of("model", FakeFoundry.CHAT_ALIAS), WAV);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().at("/error/param").asText()).isEqualTo("model");
    }

    @Test
    void aJsonBodyIsA400SayingMultipart() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.url()
                        + "/v1/audio/transcriptions")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"whisper-tiny-en\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("multipart/form-data");
    }

    @Test
    void theOfficialOpenAiJavaClientTranscribesUnchanged() {
        OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(server.url() + "/v1").apiKey("none")
                .maxRetries(0).build();
        try {
            TranscriptionCreateResponse response = client.audio().transcriptions().create(TranscriptionCreateParams
                    .builder().file(WAV).model(FakeFoundry.SPEECH_ALIAS).build());
            assertThat(response.asTranscription().text()).isEqualTo("Hello from the fake recogniser.");

            TranscriptionCreateResponse verbose = client.audio().transcriptions().create(TranscriptionCreateParams
                    .builder().file(WAV).model(FakeFoundry.SPEECH_ALIAS)
                    .responseFormat(AudioResponseFormat.VERBOSE_JSON).build());
            assertThat(verbose.asVerbose().segments().orElseThrow()).hasSize(2);

            Assertions.assertThatThrownBy(() -> client.audio().transcriptions().create(TranscriptionCreateParams
                    .builder().file(new byte[0]).model(FakeFoundry.SPEECH_ALIAS).build()))
                    .isInstanceOf(BadRequestException.class);
        } finally {
            client.close();
        }
    }

    /** {@code totalBytes} starting like a WAV file: the fake engine reads 32,000 bytes as one second. */
    private static byte[] wav(int totalBytes) {
        byte[] wav = new byte[totalBytes];
        System.arraycopy("RIFF".getBytes(), 0, wav, 0, 4);
        System.arraycopy("WAVE".getBytes(), 0, wav, 8, 4);
        return wav;
    }
}
