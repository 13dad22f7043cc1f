package org.jfoundry.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every endpoint's contract, run twice: in-process through Helidon's DirectClient ({@link RestApiRoutingTest}) and
 * over a real socket ({@link RestApiServerTest}).
 */
abstract class RestApiSuite {
    static final FakeFoundry FOUNDRY = new FakeFoundry();

    private final Http1Client client;

    RestApiSuite(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        // A long heartbeat keeps keep-alive comments out of the byte-exact stream checks.
        // DirectClient names its server "helidon-unit" in Host; a loopback bind accepts only names it is told about.
        RestServer.routing(routing, FOUNDRY.core, RestSettings.loopback(0).withAllowedHosts(List.of("helidon-unit"))
                .withHeartbeat(java.time.Duration.ofMinutes(5)));
    }

    @AfterAll
    static void unloadEverything() {
        FOUNDRY.core.unloadAll(true);
    }

    record Answer(int status, String body, io.helidon.http.ClientResponseHeaders headers) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        JsonNode error() {
            return json().get("error");
        }
    }

    Answer post(String path, String json) {
        try (Http1ClientResponse response = client.post(path).header(HeaderValues.CONTENT_TYPE_JSON).submit(json)) {
            return new Answer(response.status().code(), response.as(String.class), response.headers());
        }
    }

    Answer post(String path, String json, String accept) {
        try (Http1ClientResponse response = client.post(path).header(HeaderValues.CONTENT_TYPE_JSON)
                .header(HeaderNames.ACCEPT, accept).submit(json)) {
            return new Answer(response.status().code(), response.as(String.class), response.headers());
        }
    }

    Answer get(String pathAndQuery) {
        String[] parts = pathAndQuery.split("\\?", 2);
        var request = client.get(parts[0]);
        if (parts.length > 1) {
            for (String pair : parts[1].split("&")) {
                String[] kv = pair.split("=", 2);
                request.queryParam(kv[0], kv[1]);
            }
        }
        try (Http1ClientResponse response = request.request()) {
            return new Answer(response.status().code(), response.as(String.class), response.headers());
        }
    }

    static String chat(String model, String extra) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]" + extra + "}";
    }

    // ---- chat completions ------------------------------------------------------------------------------------------

    @Test
    void aWholeChatCompletionCarriesTheMessageFinishReasonUsageAndTimings() {
        Answer answer = post("/v1/chat/completions", chat(FakeFoundry.CHAT_ALIAS, ""));

        assertThat(answer.status()).isEqualTo(200);
        JsonNode json = answer.json();
        assertThat(json.get("object").asText()).isEqualTo("chat.completion");
        assertThat(json.get("id").asText()).startsWith("chatcmpl-");
        assertThat(json.get("model").asText()).isEqualTo(FakeFoundry.CHAT_ID);
        JsonNode choice = json.get("choices").get(0);
        assertThat(choice.get("message").get("role").asText()).isEqualTo("assistant");
        assertThat(choice.get("message").get("content").asText()).isEqualTo("Hello from the fake engine.");
        assertThat(choice.get("finish_reason").asText()).isEqualTo("stop");
        assertThat(json.get("usage").get("completion_tokens").asInt()).isEqualTo(6);
        assertThat(json.get("usage").get("total_tokens").asInt())
                .isEqualTo(json.get("usage").get("prompt_tokens").asInt() + 6);
        assertThat(json.get("timings").has("time_to_first_token_ms")).isTrue();
        assertThat(json.get("timings").has("tokens_per_second")).isTrue();
    }

    @Test
    void maxTokensCutsTheAnswerWithFinishReasonLength() {
        Answer answer = post("/v1/chat/completions", chat(FakeFoundry.CHAT_ID, ",\"max_tokens\":2"));

        assertThat(answer.status()).isEqualTo(200);
        JsonNode choice = answer.json().get("choices").get(0);
        assertThat(choice.get("message").get("content").asText()).isEqualTo("Hello from");
        assertThat(choice.get("finish_reason").asText()).isEqualTo("length");
    }

    @Test
    void aStreamedChatIsFramedExactlyAsOpenAiFramesIt() {
        Answer answer = post("/v1/chat/completions", chat(FakeFoundry.CHAT_ALIAS, ",\"stream\":true"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers().first(HeaderNames.CONTENT_TYPE).orElseThrow()).startsWith("text/event-stream");
        Matcher head = Pattern.compile("^data: \\{\"id\":\"(chatcmpl-[0-9a-f]+)\",\"object\":\"chat.completion.chunk\","
                + "\"created\":(\\d+),").matcher(answer.body());
        assertThat(head.find()).as(answer.body()).isTrue();
        String prefix = "data: {\"id\":\"" + head.group(1) + "\",\"object\":\"chat.completion.chunk\",\"created\":"
                + head.group(2) + ",\"model\":\"phi-mini\",\"choices\":[{\"index\":0,\"delta\":";
        StringBuilder expected = new StringBuilder();
        expected.append(prefix).append("{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
        for (String chunk : List.of("Hello", " from", " the", " fake", " engine", ".")) {
            expected.append(prefix).append("{\"content\":\"").append(chunk)
                    .append("\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
        }
        expected.append(prefix).append("{},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"timings\":TIMINGS}\n\n");
        expected.append("data: [DONE]\n\n");
        String masked = answer.body().replaceAll("\"timings\":\\{[^}]*}", "\"timings\":TIMINGS");
        assertThat(masked).isEqualTo(expected.toString());
    }

    @Test
    void aStreamWithIncludeUsageEndsWithAUsageChunkBeforeDone() {
        Answer answer = post("/v1/chat/completions", chat(FakeFoundry.CHAT_ALIAS,
                ",\"stream\":true,\"stream_options\":{\"include_usage\":true}"));

        List<String> events = dataEvents(answer.body());
        assertThat(events.getLast()).isEqualTo("[DONE]");
        JsonNode usageChunk = parse(events.get(events.size() - 2));
        assertThat(usageChunk.get("choices")).isEmpty();
        assertThat(usageChunk.get("usage").get("completion_tokens").asInt()).isEqualTo(6);
        assertThat(parse(events.get(1)).get("usage").isNull()).isTrue();
    }

    @Test
    void stopStringsEndTheAnswerWithoutBeingEmitted() {
        Answer answer = post("/v1/chat/completions", chat(FakeFoundry.CHAT_ALIAS, ",\"stop\":\" fake\",\"seed\":7,"
                + "\"temperature\":0.2,\"top_p\":0.9,\"top_k\":40,\"presence_penalty\":0.1,\"frequency_penalty\":0.1"));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode choice = answer.json().get("choices").get(0);
        assertThat(choice.get("message").get("content").asText()).isEqualTo("Hello from the");
        assertThat(choice.get("finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void jsonObjectAndJsonSchemaResponseFormatsAreAccepted() {
        assertThat(post("/v1/chat/completions", chat(FakeFoundry.CHAT_ALIAS,
                ",\"response_format\":{\"type\":\"json_object\"}")).status()).isEqualTo(200);

        Answer schema = post("/v1/chat/completions", chat(FakeFoundry.CHAT_ALIAS,
                ",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"person\",\"strict\":true,"
                        + "\"schema\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}},"
                        + "\"required\":[\"name\"],\"additionalProperties\":false}}}"));
        assertThat(schema.status()).as(schema.body()).isEqualTo(200);
    }

    @Test
    void jsonSchemasOutsideTheSupportedSubsetAreRefusedNamingTheKeyword() {
        Answer pattern = post("/v1/chat/completions", chat(FakeFoundry.CHAT_ALIAS,
                ",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"p\",\"schema\":"
                        + "{\"type\":\"object\",\"properties\":{\"code\":{\"type\":\"string\",\"pattern\":\"^a\"}}}}}"));
        assertThat(pattern.status()).isEqualTo(400);
        assertThat(pattern.error().get("param").asText()).isEqualTo("response_format");
        assertThat(pattern.error().get("message").asText()).contains("'pattern'", "properties.code");

        Answer noSchema = post("/v1/chat/completions", chat(FakeFoundry.CHAT_ALIAS,
                ",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{}}"));
        assertThat(noSchema.status()).isEqualTo(400);
        assertThat(noSchema.error().get("message").asText()).contains("json_schema.schema");
    }

    @Test
    void unsupportedParametersAreRefusedByName() {
        assertRefused(chat(FakeFoundry.CHAT_ALIAS, ",\"n\":2"), "n");
        assertRefused(chat(FakeFoundry.CHAT_ALIAS, ",\"logprobs\":true"), "logprobs");
        assertRefused(chat(FakeFoundry.CHAT_ALIAS, ",\"tools\":[{\"type\":\"function\"}]"), "tools[0].function.name");
        assertRefused(chat(FakeFoundry.CHAT_ALIAS, ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\","
                + "\"parameters\":{\"type\":\"object\",\"properties\":{\"d\":{\"type\":\"string\",\"format\":\"date\"}}}}}]"),
                "tools[0].function.parameters");
        assertRefused(chat(FakeFoundry.CHAT_ALIAS, ",\"tool_choice\":\"required\""), "tool_choice");
        assertRefused(chat(FakeFoundry.CHAT_ALIAS, ",\"frobnicate\":1"), "frobnicate");
        assertRefused(chat(FakeFoundry.CHAT_ALIAS, ",\"temperature\":7"), "temperature");
        assertRefused(chat(FakeFoundry.CHAT_ALIAS, ",\"stream_options\":{\"include_usage\":true}"), "stream_options");
        assertRefused("{\"model\":\"phi-mini\",\"messages\":[{\"role\":\"wizard\",\"content\":\"hi\"}]}", "messages[0].role");
        assertRefused("{\"model\":\"phi-mini\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\"}]}]}",
                "messages[0].content[0].type");
        assertRefused("{\"model\":\"phi-mini\",\"messages\":[]}", "messages");
    }

    private void assertRefused(String body, String param) {
        Answer answer = post("/v1/chat/completions", body);
        assertThat(answer.status()).as(body).isEqualTo(400);
        assertThat(answer.error().get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(answer.error().get("param").asText()).as(answer.body()).isEqualTo(param);
    }

    @Test
    void brokenJsonIsA400InOpenAiErrorShape() {
        Answer answer = post("/v1/chat/completions", "{\"model\":");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error().get("message").asText()).contains("not valid JSON");
        assertThat(answer.error().has("param")).isTrue();
        assertThat(answer.error().has("code")).isTrue();
    }

    @Test
    void aModelThatIsNotDownloadedAnswers400WithTheTextSdksLookFor() {
        Answer answer = post("/v1/chat/completions", chat(FakeFoundry.UNCACHED_ALIAS, ""));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error().get("message").asText()).contains("No OpenAIService provider found for modelName:");
    }

    @Test
    void anUnknownModelAnswers404() {
        Answer answer = post("/v1/chat/completions", chat("no-such-model", ""));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.error().get("type").asText()).isEqualTo("not_found_error");
    }

    @Test
    void ttlAndEpAreHonouredOnV1Requests() {
        FOUNDRY.core.unloadAll(true);

        Answer answer = post("/v1/chat/completions", chat(FakeFoundry.CHAT_ALIAS, ",\"ttl\":77,\"ep\":\"cpu\""));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(FOUNDRY.core.listLoaded()).anySatisfy(model -> {
            assertThat(model.id().toString()).isEqualTo(FakeFoundry.CHAT_ID);
            assertThat(model.ttl()).isEqualTo(java.time.Duration.ofSeconds(77));
        });
        Answer cuda = post("/v1/chat/completions", chat(FakeFoundry.CHAT_ALIAS, ",\"ep\":\"cuda\""));
        assertThat(cuda.status()).isEqualTo(400);
        assertThat(cuda.error().get("param").asText()).isEqualTo("ep");
        assertThat(post("/v1/chat/completions", chat(FakeFoundry.CHAT_ALIAS, ",\"ttl\":\"soon\"")).error()
                .get("param").asText()).isEqualTo("ttl");
    }

    @Test
    void theTokenCountEndpointCountsTheRenderedConversation() {
        Answer answer = post("/v1/chat/completions/tokenizer/encode/count", chat(FakeFoundry.CHAT_ALIAS, ""));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("tokenCount").asInt()).isPositive();
    }

    // ---- completions and embeddings ------------------------------------------------------------------------------

    @Test
    void aTextCompletionContinuesThePrompt() {
        Answer answer = post("/v1/completions", "{\"model\":\"phi-mini\",\"prompt\":\"Once\",\"max_tokens\":3}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode json = answer.json();
        assertThat(json.get("object").asText()).isEqualTo("text_completion");
        assertThat(json.get("choices").get(0).get("text").asText()).isEqualTo("Hello from the");
        assertThat(json.get("choices").get(0).get("finish_reason").asText()).isEqualTo("length");
        assertThat(json.get("usage").get("completion_tokens").asInt()).isEqualTo(3);
    }

    @Test
    void aStreamedTextCompletionSendsTextChunksThenDone() {
        Answer answer = post("/v1/completions", "{\"model\":\"phi-mini\",\"prompt\":\"Once\",\"stream\":true}");

        List<String> events = dataEvents(answer.body());
        assertThat(events.getLast()).isEqualTo("[DONE]");
        StringBuilder text = new StringBuilder();
        events.subList(0, events.size() - 1).forEach(e -> text.append(parse(e).get("choices").get(0).get("text").asText()));
        assertThat(text).hasToString("Hello from the fake engine.");
        assertThat(parse(events.get(events.size() - 2)).get("choices").get(0).get("finish_reason").asText())
                .isEqualTo("stop");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "text/plain", "application/json, text/event-stream"})
    void everyStreamIsSentAsServerSentEventsWhateverTheAcceptHeaderSays(String accept) {
        // The official OpenAI SDKs (Python, Node) and LangChain send Accept: application/json with stream: true.
        for (String[] request : List.of(
                new String[] {"/v1/chat/completions", chat(FakeFoundry.CHAT_ALIAS, ",\"stream\":true")},
                new String[] {"/v1/completions", "{\"model\":\"phi-mini\",\"prompt\":\"Once\",\"stream\":true}"})) {
            Answer answer = post(request[0], request[1], accept);

            assertThat(answer.status()).as(request[0] + ": " + answer.body()).isEqualTo(200);
            assertThat(answer.headers().first(HeaderNames.CONTENT_TYPE).orElseThrow()).startsWith("text/event-stream");
            List<String> events = dataEvents(answer.body());
            assertThat(events).hasSizeGreaterThan(2);
            assertThat(events.getLast()).isEqualTo("[DONE]");
        }
    }

    @Test
    void embeddingsComeAsFloatsOrAsLittleEndianBase64OfTheSameValues() {
        Answer floats = post("/v1/embeddings", "{\"model\":\"minilm\",\"input\":[\"a\",\"b\"]}");
        Answer base64 = post("/v1/embeddings", "{\"model\":\"minilm\",\"input\":[\"a\",\"b\"],\"encoding_format\":\"base64\"}");

        assertThat(floats.status()).as(floats.body()).isEqualTo(200);
        JsonNode data = floats.json().get("data");
        assertThat(data).hasSize(2);
        assertThat(data.get(1).get("index").asInt()).isEqualTo(1);
        JsonNode first = data.get(0).get("embedding");
        assertThat(first).hasSize(8);
        ByteBuffer decoded = ByteBuffer.wrap(Base64.getDecoder().decode(
                base64.json().get("data").get(0).get("embedding").asText())).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < first.size(); i++) {
            assertThat(decoded.getFloat()).isEqualTo(first.get(i).floatValue());
        }
        assertThat(floats.json().get("usage").get("prompt_tokens").asInt()).isPositive();
    }

    @Test
    void embeddingsRefuseAnUnknownEncodingByName() {
        Answer answer = post("/v1/embeddings", "{\"model\":\"minilm\",\"input\":\"a\",\"encoding_format\":\"int8\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error().get("param").asText()).isEqualTo("encoding_format");
    }

    // ---- models ----------------------------------------------------------------------------------------------------

    @Test
    void v1ModelsListsTheCachedModels() {
        Answer answer = get("/v1/models");

        assertThat(answer.json().get("object").asText()).isEqualTo("list");
        List<String> ids = new ArrayList<>();
        answer.json().get("data").forEach(m -> {
            ids.add(m.get("id").asText());
            assertThat(m.get("object").asText()).isEqualTo("model");
            assertThat(m.get("created").isIntegralNumber()).isTrue();
            assertThat(m.get("owned_by").asText()).isNotBlank();
        });
        // Sorted by id; the download test may have added its model, the catalog-only one is never listed.
        assertThat(ids).isSorted().contains(FakeFoundry.EMBEDDING_ID, FakeFoundry.CHAT_ID)
                .doesNotContain(FakeFoundry.UNCACHED_ID);
    }

    @Test
    void oneModelIsFoundByIdOrAliasAndAnUnknownOneIs404() {
        assertThat(get("/v1/models/" + FakeFoundry.CHAT_ID).json().get("id").asText()).isEqualTo(FakeFoundry.CHAT_ID);
        assertThat(get("/v1/models/" + FakeFoundry.CHAT_ALIAS).json().get("id").asText()).isEqualTo(FakeFoundry.CHAT_ID);
        assertThat(get("/v1/models/nothing-here").status()).isEqualTo(404);
    }

    // ---- management ------------------------------------------------------------------------------------------------

    @Test
    void foundryListReturnsTheCatalogInFoundryShape() {
        Answer answer = get("/foundry/list");

        assertThat(answer.json().isArray()).isTrue();
        JsonNode phi = null;
        for (JsonNode model : answer.json()) {
            if (model.get("name").asText().equals(FakeFoundry.CHAT_ID)) {
                phi = model;
            }
        }
        assertThat(phi).isNotNull();
        assertThat(phi.get("alias").asText()).isEqualTo(FakeFoundry.CHAT_ALIAS);
        assertThat(phi.get("version").asText()).isEqualTo("1");
        assertThat(phi.get("runtime").get("deviceType").asText()).isEqualTo("CPU");
        assertThat(phi.get("runtime").get("executionProvider").asText()).isEqualTo("CPUExecutionProvider");
        assertThat(phi.get("promptTemplate").get("user").asText()).contains("{Content}");
        assertThat(phi.get("modelSettings").get("parameters").isArray()).isTrue();
    }

    @Test
    void loadUnloadAndTheLoadedListAgree() {
        assertThat(get("/openai/models").json().toString()).contains(FakeFoundry.CHAT_ID, FakeFoundry.EMBEDDING_ID);

        Answer load = get("/openai/load/" + FakeFoundry.CHAT_ALIAS + "?ttl=120&ep=cpu");
        assertThat(load.status()).as(load.body()).isEqualTo(200);
        assertThat(get("/openai/loadedmodels").json().toString()).contains(FakeFoundry.CHAT_ID);

        assertThat(get("/openai/unload/" + FakeFoundry.CHAT_ALIAS + "?force=true").status()).isEqualTo(200);
        assertThat(get("/openai/loadedmodels").json().toString()).doesNotContain(FakeFoundry.CHAT_ID);
        assertThat(get("/openai/unloadall").status()).isEqualTo(200);
    }

    @Test
    void theGpuDeviceIsReadAndSelectedAsFoundryLocalDoes() {
        try {
            assertThat(get("/openai/getgpudevice").body()).isEqualTo("0");

            try (Http1ClientResponse select = client.get("/openai/setgpudevice/1").request()) {
                assertThat(select.status().code()).isEqualTo(200);
                assertThat(select.entity().hasEntity()).isFalse();
            }
            assertThat(get("/openai/getgpudevice").json().asInt()).isEqualTo(1);
        } finally {
            FOUNDRY.core.selectGpuDevice(0);
        }
    }

    @Test
    void aGpuDeviceThatIsNotANonNegativeIntegerIsRefused() {
        Answer word = get("/openai/setgpudevice/first");
        Answer negative = get("/openai/setgpudevice/-1");

        assertThat(word.status()).isEqualTo(400);
        assertThat(word.error().get("param").asText()).isEqualTo("deviceId");
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.error().get("message").asText()).contains("0 or more");
        assertThat(get("/openai/getgpudevice").body()).isEqualTo("0");
    }

    @Test
    void loadingAnUnknownProviderIsRefusedByName() {
        Answer answer = get("/openai/load/" + FakeFoundry.CHAT_ALIAS + "?ep=quantum");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error().get("param").asText()).isEqualTo("ep");
    }

    @Test
    void statusReportsTheEndpointAndTheModelDirectory() {
        JsonNode status = get("/openai/status").json();

        assertThat(status.get("endpoints").get(0).asText()).matches("http://[^/]+:\\d+");
        assertThat(status.get("modelDirPath").asText()).isEqualTo(FOUNDRY.store.cacheDirectory().toString());
        assertThat(status.get("pipeName").isNull()).isTrue();
        assertThat(status.get("isAutoRegistrationResolved").asBoolean()).isTrue();
        assertThat(status.get("autoRegistrationStatus").asText()).contains("CPUExecutionProvider");
    }

    @Test
    void aDownloadStreamsProgressThenDoneThenTheJsonAsTheSdksParseIt() {
        String body = "{\"model\":{\"Name\":\"" + FakeFoundry.DOWNLOADABLE_ID + "\",\"Uri\":\"azureml://x\",\"Publisher\":"
                + "\"Microsoft\",\"ProviderType\":\"AzureFoundryLocal\"},\"token\":\"\",\"IgnorePipeReport\":true}";
        Answer answer = post("/openai/download", body);

        assertThat(answer.status()).isEqualTo(200);
        DownloadStreamParser.Result parsed = DownloadStreamParser.parse(answer.body());
        assertThat(parsed.percentages()).isNotEmpty().isSorted().endsWith(100.0);
        assertThat(parsed.json().get("success").asBoolean()).isTrue();
        assertThat(parsed.json().get("errorMessage").isNull()).isTrue();
        assertThat(answer.body()).contains("[DONE] All Completed!\n{");
        assertThat(answer.body().lines().filter(l -> l.startsWith("{"))).hasSize(1);
        assertThat(get("/openai/models").json().toString()).contains(FakeFoundry.DOWNLOADABLE_ID);
    }

    @Test
    void downloadingACachedModelAnswersAtOnceWithHundredPercentDoneAndJson() {
        Answer answer = post("/openai/download", "{\"model\":{\"Name\":\"" + FakeFoundry.CHAT_ID + "\"}}");

        assertThat(answer.body()).startsWith("Total 100% ").contains("\n[DONE] All Completed!\n");
        assertThat(DownloadStreamParser.parse(answer.body()).json().get("success").asBoolean()).isTrue();
    }

    @Test
    void aFailedDownloadEndsWithSuccessFalseAndTheReason() {
        FOUNDRY.downloader.failWith("disk full");
        try {
            Answer answer = post("/openai/download", "{\"model\":{\"Name\":\"" + FakeFoundry.UNCACHED_ID + "\"}}");

            assertThat(answer.status()).isEqualTo(200);
            JsonNode result = DownloadStreamParser.parse(answer.body()).json();
            assertThat(result.get("success").asBoolean()).isFalse();
            assertThat(result.get("errorMessage").asText()).contains("disk full");
            assertThat(answer.body()).doesNotContain("[DONE]");
        } finally {
            FOUNDRY.downloader.failWith(null);
        }
    }

    @Test
    void downloadingAnUnknownNameAnswers404BeforeAnyProgress() {
        Answer answer = post("/openai/download", "{\"model\":{\"Name\":\"no-such-model\"}}");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.error().get("type").asText()).isEqualTo("not_found_error");
    }

    // ---- operations ------------------------------------------------------------------------------------------------

    @Test
    void healthIsOkWhenReady() {
        Answer answer = get("/health");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("status").asText()).isEqualTo("ready");
    }

    @Test
    void metricsAreInPrometheusTextFormat() {
        post("/v1/chat/completions", chat(FakeFoundry.CHAT_ALIAS, ""));
        Answer answer = get("/metrics");

        assertThat(answer.headers().first(HeaderNames.CONTENT_TYPE).orElseThrow()).startsWith("text/plain; version=0.0.4");
        assertThat(answer.body())
                .contains("# TYPE jfoundry_http_requests_total counter")
                .containsPattern("jfoundry_http_requests_total\\{method=\"POST\",route=\"/v1/chat/completions\",status=\"200\"} [1-9]")
                .containsPattern("jfoundry_tokens_generated_total [1-9]")
                .contains("jfoundry_time_to_first_token_seconds_bucket{le=\"+Inf\"}")
                .contains("jfoundry_tokens_per_second_count")
                .contains("jfoundry_requests_waiting 0")
                .contains("jfoundry_loaded_models ")
                .containsPattern("jfoundry_model_requests_in_flight\\{model=\"" + FakeFoundry.CHAT_ID + "\"} 0");
    }

    @Test
    void anUnknownRouteIsA404InOpenAiErrorShape() {
        Answer answer = get("/v2/nothing");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.error().get("message").asText()).contains("/v2/nothing");
    }

    static List<String> dataEvents(String sse) {
        List<String> events = new ArrayList<>();
        for (String block : sse.split("\n\n")) {
            if (block.startsWith("data: ")) {
                events.add(block.substring("data: ".length()));
            }
        }
        return events;
    }

    static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
