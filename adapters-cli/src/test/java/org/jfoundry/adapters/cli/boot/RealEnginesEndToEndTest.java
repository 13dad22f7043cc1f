package org.jfoundry.adapters.cli.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.Embedding;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jfoundry.adapters.cli.ServiceHost.HostedService;
import org.jfoundry.adapters.cli.settings.JsonSettingsStore;
import org.jfoundry.adapters.ort.constraint.JsonPrefixes;
import org.jfoundry.adapters.ort.genai.GenAiEngine;
import org.jfoundry.adapters.ort.testing.MiniLmFolder;
import org.jfoundry.adapters.ort.testmodels.DecoderSpec;
import org.jfoundry.adapters.ort.testmodels.TestDecoders;
import org.jfoundry.ports.settings.EngineChoice;
import org.jfoundry.ports.settings.FoundryHome;
import org.jfoundry.ports.settings.ServiceSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole service as the composition root assembles it, with the real engines: ONNX Runtime through the FFM
 * adapter, and ONNX Runtime GenAI where its library is installed. A fresh foundry home holds a settings file (port 0,
 * a local empty catalog so nothing goes online) and a cache with one generated decoder under three aliases (each
 * served by a different engine choice) and MiniLM. Everything is asked through the official OpenAI Java client, or
 * raw HTTP where the client hides the wire format.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES) // generous: a loaded 2-core machine, native loads, first sessions
class RealEnginesEndToEndTest {
    /** Served by whatever AUTO picks: GenAI where its library loads, else the Java loop over ONNX Runtime. */
    static final String AUTO_ALIAS = "tiny-gqa";
    static final String ORT_ALIAS = "tiny-gqa-ort";
    static final String GENAI_ALIAS = "tiny-gqa-genai";
    /** The same decoder with room for a prompt that describes tools (2,048 tokens), on each engine. */
    static final String LONG_ORT_ALIAS = "tiny-gqa-long-ort";
    static final String LONG_GENAI_ALIAS = "tiny-gqa-long-genai";
    static final String EMBEDDING_ALIAS = "all-minilm";
    static final String EMBEDDING_ID = "all-MiniLM-L6-v2:1";
    static final long SEED = 11;
    static final int MAX_TOKENS = 6;

    /** Random weights write arbitrary bytes; some of these prompts get answers that are whole UTF-8 characters. */
    static final List<String> CROSS_CHECK_PROMPTS = List.of("Hello", "Which engine?", "Stream to me", "Good morning",
            "What is the sea?", "Why?", "Name a colour", "Count to three");
    static final ObjectMapper JSON = new ObjectMapper();
    /** Untrained weights may open a string and never close it, so some of these, not each, must close their object. */
    static final List<String> JSON_MODE_PROMPTS = List.of("answer in json", "hello the world of java",
            "write the model answer", "local foundry", "what is the time", "Describe a cat as JSON");
    static final int JSON_MODE_MAX_TOKENS = 200;

    @TempDir
    static Path home;
    HostedService service;
    OpenAIClient client;
    HttpClient http;
    /** The GenAI library from the developer's foundry home (or FOUNDRY_GENAI_LIBRARY); empty where none is installed. */
    Optional<Path> genaiLibrary;

    @BeforeAll
    void startTheServiceFromAFreshHome() throws IOException {
        Path cache = home.resolve("cache").resolve("models");
        DecoderSpec decoder = DecoderSpec.tinyGqa(SEED);
        for (String alias : List.of(AUTO_ALIAS, ORT_ALIAS, GENAI_ALIAS)) {
            Path folder = TestDecoders.write(modelFolder(cache, alias), decoder, idOf(alias));
            addAlias(folder.resolve("inference_model.json"), alias);
        }
        DecoderSpec roomy = new DecoderSpec(decoder.modelType(), decoder.attention(), decoder.positionIds(),
                decoder.int4Weights(), decoder.vocabSize(), decoder.hiddenSize(), decoder.layers(), decoder.heads(),
                decoder.kvHeads(), decoder.headSize(), decoder.intermediateSize(), 2048, 0, decoder.ropeTheta(),
                decoder.seed());
        for (String alias : List.of(LONG_ORT_ALIAS, LONG_GENAI_ALIAS)) {
            Path folder = TestDecoders.write(modelFolder(cache, alias), roomy, idOf(alias));
            addAlias(folder.resolve("inference_model.json"), alias);
        }
        copyMiniLm(modelFolder(cache, "all-MiniLM-L6-v2"));

        genaiLibrary = installedGenAiLibrary();
        Files.writeString(home.resolve("catalog.json"), "[]");
        ObjectNode settings = JSON.createObjectNode();
        ObjectNode fields = settings.putObject("serviceSettings");
        fields.put("host", "127.0.0.1");
        fields.put("port", 0);
        fields.put("cacheDirectoryPath", cache.toString());
        fields.put("defaultSecondsForModelTTL", 600);
        fields.put("maxLoadedModels", 8);
        fields.put("intraOpThreads", 1);
        fields.put("engine", "auto");
        fields.putObject("engines").put(ORT_ALIAS, "ort").put(GENAI_ALIAS, "genai").put(LONG_ORT_ALIAS, "ort")
                .put(LONG_GENAI_ALIAS, "genai");
        fields.putArray("catalogSources").add("local:catalog.json");
        genaiLibrary.ifPresent(library -> fields.put("genaiLibraryPath", library.toString()));
        Files.writeString(home.resolve("settings.json"), JSON.writeValueAsString(settings));

        service = assembly().start(new JsonSettingsStore(new FoundryHome(home)).load());
        client = OpenAIOkHttpClient.builder()
                .baseUrl(service.url() + "/v1")
                .apiKey("any-key")
                .maxRetries(0) // a failure must show as it is, not be retried away
                .timeout(Duration.ofMinutes(2))
                .build();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    }

    @AfterAll
    void stopTheService() {
        try {
            if (client != null) {
                client.close();
            }
        } finally {
            if (service != null) {
                service.close();
            }
        }
    }

    @ParameterizedTest(name = "served by the engine set for {0}")
    @ValueSource(strings = {AUTO_ALIAS, ORT_ALIAS})
    @DisplayName("a whole chat completion has text, a finish reason and usage, and stops at max_tokens")
    void aWholeChatCompletion(String alias) {
        ChatCompletion completion = client.chat().completions().create(greedy(alias, "Tell me a story").build())
                .validate();

        ChatCompletion.Choice choice = completion.choices().getFirst();
        assertThat(completion.choices()).hasSize(1);
        assertThat(choice.message().content()).hasValueSatisfying(text -> assertThat(text).isNotBlank());
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.LENGTH);
        CompletionUsage usage = completion.usage().orElseThrow();
        assertThat(usage.promptTokens()).isPositive();
        assertThat(usage.completionTokens()).isEqualTo(MAX_TOKENS);
        assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + usage.completionTokens());
        assertThat(completion.model()).isEqualTo(idOf(alias));
    }

    @ParameterizedTest(name = "served by the engine set for {0}")
    @ValueSource(strings = {AUTO_ALIAS, ORT_ALIAS})
    @DisplayName("a streamed greedy chat completion writes the same text as the whole one, then a finish reason and usage")
    void aStreamedChatCompletion(String alias) {
        ChatCompletion whole = client.chat().completions().create(greedy(alias, "Stream to me").build());

        List<ChatCompletionChunk> chunks = new ArrayList<>();
        ChatCompletionCreateParams streamed = greedy(alias, "Stream to me")
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(streamed)) {
            stream.stream().map(ChatCompletionChunk::validate).forEach(chunks::add);
        }

        StringBuilder text = new StringBuilder();
        chunks.forEach(chunk -> chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append)));
        assertThat(text.toString()).isNotEmpty().isEqualTo(whole.choices().getFirst().message().content().orElseThrow());
        List<ChatCompletionChunk> withChoices = chunks.stream().filter(c -> !c.choices().isEmpty()).toList();
        assertThat(withChoices.getLast().choices().getFirst().finishReason())
                .hasValue(ChatCompletionChunk.Choice.FinishReason.LENGTH);
        assertThat(withChoices.subList(0, withChoices.size() - 1))
                .allSatisfy(c -> assertThat(c.choices().getFirst().finishReason()).isEmpty());
        ChatCompletionChunk usageChunk = chunks.getLast();
        assertThat(usageChunk.choices()).isEmpty();
        CompletionUsage wholeUsage = whole.usage().orElseThrow();
        assertThat(usageChunk.usage()).hasValueSatisfying(usage -> {
            assertThat(usage.promptTokens()).isEqualTo(wholeUsage.promptTokens());
            assertThat(usage.completionTokens()).isEqualTo(wholeUsage.completionTokens());
        });
        assertThat(chunks).extracting(ChatCompletionChunk::id).containsOnly(chunks.getFirst().id());
    }

    @ParameterizedTest(name = "served by the engine set for {0}")
    @ValueSource(strings = {AUTO_ALIAS, ORT_ALIAS})
    @DisplayName("a stop string cuts the answer before it, whole or streamed")
    void aStopStringCutsTheAnswer(String alias) {
        String free = client.chat().completions().create(greedy(alias, "Go on").maxCompletionTokens(40).build())
                .choices().getFirst().message().content().orElseThrow();
        String stop = plainTextFrom(free, free.length() / 3);
        String expected = free.substring(0, free.indexOf(stop));
        ChatCompletionCreateParams stopped = greedy(alias, "Go on").maxCompletionTokens(40).stopOfStrings(List.of(stop)).build();

        ChatCompletion whole = client.chat().completions().create(stopped);
        StringBuilder streamed = new StringBuilder();
        List<ChatCompletionChunk.Choice.FinishReason> finishes = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(stopped)) {
            stream.stream().flatMap(chunk -> chunk.choices().stream()).forEach(choice -> {
                choice.delta().content().ifPresent(streamed::append);
                choice.finishReason().ifPresent(finishes::add);
            });
        }

        assertThat(whole.choices().getFirst().message().content()).as("stop %s", stop).hasValue(expected);
        assertThat(whole.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(streamed.toString()).isEqualTo(expected);
        assertThat(finishes).containsExactly(ChatCompletionChunk.Choice.FinishReason.STOP);
    }

    @ParameterizedTest(name = "served by the engine set for {0}")
    @ValueSource(strings = {AUTO_ALIAS, ORT_ALIAS})
    @DisplayName("sampling with a seed answers the same twice, and another seed answers otherwise")
    void samplingWithASeedIsReproducible(String alias) {
        List<String> answers = Stream.of(SEED, SEED, SEED + 1)
                .map(seed -> client.chat().completions().create(sampled(alias, seed).build())
                        .choices().getFirst().message().content().orElseThrow())
                .toList();

        assertThat(answers.get(1)).isEqualTo(answers.get(0));
        assertThat(answers.get(2)).isNotEqualTo(answers.get(0));
    }

    @ParameterizedTest(name = "served by the engine set for {0}")
    @ValueSource(strings = {AUTO_ALIAS, ORT_ALIAS})
    @DisplayName("requests running at once on one model each answer as the same request alone does")
    void concurrentRequestsAnswerAsOneAlone(String alias) throws Exception {
        ChatCompletionCreateParams params = greedy(alias, "Tell me").maxCompletionTokens(64).build();
        String alone = client.chat().completions().create(params).choices().getFirst().message().content().orElseThrow();

        List<String> together;
        try (ExecutorService clients = Executors.newFixedThreadPool(4)) {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(clients.submit(() -> client.chat().completions().create(params)
                        .choices().getFirst().message().content().orElseThrow()));
            }
            together = new ArrayList<>();
            for (Future<String> answer : answers) {
                together.add(answer.get(2, TimeUnit.MINUTES));
            }
        }

        assertThat(together).containsOnly(alone);
    }

    @ParameterizedTest(name = "served by the engine set for {0}")
    @ValueSource(strings = {ORT_ALIAS, GENAI_ALIAS})
    @DisplayName("json_object mode answers one whole JSON object when it stops, and a JSON prefix when cut at max_tokens")
    void jsonObjectModeAnswersJson(String alias) throws Exception {
        assumeTrue(!alias.equals(GENAI_ALIAS) || genaiLibrary.isPresent(),
                "ONNX Runtime GenAI is not installed: the forced-GenAI model is not run");
        List<String> stopped = new ArrayList<>();
        for (String prompt : JSON_MODE_PROMPTS) {
            ChatCompletion completion = client.chat().completions().create(jsonMode(alias, prompt).build()).validate();

            ChatCompletion.Choice choice = completion.choices().getFirst();
            String content = choice.message().content().orElseThrow();
            if (choice.finishReason().equals(ChatCompletion.Choice.FinishReason.STOP)) {
                assertThat(wholeJson(content).isObject()).as("%s: %s", prompt, content).isTrue();
                stopped.add(prompt);
            } else {
                assertThat(choice.finishReason()).as(prompt).isEqualTo(ChatCompletion.Choice.FinishReason.LENGTH);
                assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(JSON_MODE_MAX_TOKENS);
                assertThat(isJsonPrefix(content)).as("%s: a JSON prefix: %s", prompt, content).isTrue();
            }
        }
        assertThat(stopped).as("prompts whose greedy answer closed its object").isNotEmpty();
    }

    @Test
    @DisplayName("a streamed json_object answer writes the same JSON as the whole one, with the same finish reason")
    void aStreamedJsonObjectAnswerIsTheWholeOne() throws Exception {
        String prompt = JSON_MODE_PROMPTS.getFirst();
        ChatCompletion whole = client.chat().completions().create(jsonMode(ORT_ALIAS, prompt).build());

        StringBuilder streamed = new StringBuilder();
        List<ChatCompletionChunk.Choice.FinishReason> finishes = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream =
                client.chat().completions().createStreaming(jsonMode(ORT_ALIAS, prompt).build())) {
            stream.stream().map(ChatCompletionChunk::validate).flatMap(chunk -> chunk.choices().stream())
                    .forEach(choice -> {
                        choice.delta().content().ifPresent(streamed::append);
                        choice.finishReason().ifPresent(finishes::add);
                    });
        }

        String wholeContent = whole.choices().getFirst().message().content().orElseThrow();
        assertThat(streamed.toString()).isNotEmpty().isEqualTo(wholeContent);
        assertThat(finishes).hasSize(1);
        assertThat(finishes.getFirst().asString()).isEqualTo(whole.choices().getFirst().finishReason().asString());
        assertThat(isJsonPrefix(streamed.toString())).as(streamed.toString()).isTrue();
    }

    /**
     * Every value of this schema is short, so even random weights end it within max_tokens, though at temperature 1
     * they pad with whitespace wherever JSON allows it (in runs of at most 16 bytes).
     */
    static final String WEATHER_SCHEMA = """
            {"type":"object","properties":{
              "city":{"type":"string","minLength":1,"maxLength":8},
              "celsius":{"type":"integer","minimum":-40,"maximum":50},
              "tags":{"type":"array","items":{"enum":["hot","cold","wet"]},"minItems":1,"maxItems":3},
              "alert":{"anyOf":[{"type":"null"},{"type":"boolean"}]},
              "wind":{"$ref":"#/$defs/wind"}},
             "required":["city","celsius","tags","alert","wind"],"additionalProperties":false,
             "$defs":{"wind":{"type":"object","properties":{"dir":{"const":"N"},"knots":{"type":"integer","minimum":0,"maximum":99}},
               "required":["dir","knots"],"additionalProperties":false}}}""";

    @ParameterizedTest(name = "served by the engine set for {0}")
    @ValueSource(strings = {ORT_ALIAS, GENAI_ALIAS})
    @DisplayName("json_schema answers validate against the schema, sampled at temperature 1 under several seeds")
    void jsonSchemaAnswersValidate(String alias) throws Exception {
        assumeTrue(!alias.equals(GENAI_ALIAS) || genaiLibrary.isPresent(),
                "ONNX Runtime GenAI is not installed: the forced-GenAI model is not run");
        Map<String, Object> schema = JSON.readValue(WEATHER_SCHEMA, new com.fasterxml.jackson.core.type.TypeReference<>() { });
        com.networknt.schema.JsonSchema validator = com.networknt.schema.JsonSchemaFactory
                .getInstance(com.networknt.schema.SpecVersion.VersionFlag.V202012).getSchema(JSON.readTree(WEATHER_SCHEMA));
        com.openai.models.ResponseFormatJsonSchema.JsonSchema.Schema.Builder wireSchema =
                com.openai.models.ResponseFormatJsonSchema.JsonSchema.Schema.builder();
        schema.forEach((key, value) -> wireSchema.putAdditionalProperty(key, com.openai.core.JsonValue.from(value)));
        for (long seed = 1; seed <= 4; seed++) {
            ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                    .model(alias).addUserMessage("Weather report as JSON").maxCompletionTokens(800)
                    .temperature(1.0).topP(1.0).seed(seed)
                    .responseFormat(com.openai.models.ResponseFormatJsonSchema.builder().jsonSchema(
                            com.openai.models.ResponseFormatJsonSchema.JsonSchema.builder().name("weather").strict(true)
                                    .schema(wireSchema.build()).build()).build())
                    .build()).validate();

            ChatCompletion.Choice choice = completion.choices().getFirst();
            String content = choice.message().content().orElseThrow();
            assertThat(choice.finishReason()).as(content).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
            assertThat(validator.validate(wholeJson(content))).as(content).isEmpty();
        }
    }

    /** What the OpenAI client's structured outputs derive a schema from, and parse the answer into. */
    public enum Sky { SUNNY, RAINY, CLOUDY }

    public static class Forecast {
        @com.fasterxml.jackson.annotation.JsonPropertyDescription("the sky over the city")
        public Sky sky;
        public boolean windy;
        public List<Sky> later;
    }

    @Test
    @DisplayName("the OpenAI Java client's structured outputs parse every answer into the class its schema came from")
    void structuredOutputsOfTheJavaClientParse() {
        for (long seed = 1; seed <= 3; seed++) {
            com.openai.models.chat.completions.StructuredChatCompletion<Forecast> completion = client.chat()
                    .completions().create(ChatCompletionCreateParams.builder().model(ORT_ALIAS)
                            .addUserMessage("Forecast?").maxCompletionTokens(JSON_MODE_MAX_TOKENS).temperature(1.0)
                            .seed(seed).responseFormat(Forecast.class).build());

            Forecast forecast = completion.choices().getFirst().message().content().orElseThrow();
            assertThat(forecast.sky).isNotNull();
            assertThat(forecast.later).doesNotContainNull();
        }
    }

    static final String WEATHER_PARAMETERS = """
            {"type":"object","properties":{"city":{"type":"string","maxLength":6},
              "unit":{"enum":["celsius","fahrenheit"]},"days":{"type":"integer","minimum":1,"maximum":7}},
             "required":["city","unit","days"],"additionalProperties":false}""";

    private static com.openai.models.chat.completions.ChatCompletionTool tool(String name, String parameters)
            throws IOException {
        Map<String, Object> schema = JSON.readValue(parameters, new com.fasterxml.jackson.core.type.TypeReference<>() { });
        com.openai.models.FunctionParameters.Builder wire = com.openai.models.FunctionParameters.builder();
        schema.forEach((key, value) -> wire.putAdditionalProperty(key, com.openai.core.JsonValue.from(value)));
        return com.openai.models.chat.completions.ChatCompletionTool.ofFunction(
                com.openai.models.chat.completions.ChatCompletionFunctionTool.builder()
                        .function(com.openai.models.FunctionDefinition.builder().name(name)
                                .description("weather by city").parameters(wire.build()).strict(true).build())
                        .build());
    }

    private static ChatCompletionCreateParams.Builder withTools(String alias, long seed) throws IOException {
        return ChatCompletionCreateParams.builder().model(alias).addUserMessage("Weather in Oslo?")
                .maxCompletionTokens(600).temperature(1.0).seed(seed)
                .addTool(tool("get_weather", WEATHER_PARAMETERS))
                .addTool(tool("get_time", "{\"type\":\"object\",\"properties\":{\"tz\":{\"enum\":[\"UTC\",\"CET\"]}},"
                        + "\"required\":[\"tz\"],\"additionalProperties\":false}"));
    }

    @ParameterizedTest(name = "served by the engine set for {0}")
    @ValueSource(strings = {LONG_ORT_ALIAS, LONG_GENAI_ALIAS})
    @DisplayName("tool_choice required answers tool calls whose arguments validate against the called function")
    void requiredToolCallsValidate(String alias) throws Exception {
        assumeTrue(!alias.equals(LONG_GENAI_ALIAS) || genaiLibrary.isPresent(),
                "ONNX Runtime GenAI is not installed: the forced-GenAI model is not run");
        com.networknt.schema.JsonSchemaFactory schemas = com.networknt.schema.JsonSchemaFactory
                .getInstance(com.networknt.schema.SpecVersion.VersionFlag.V202012);
        for (long seed = 1; seed <= 3; seed++) {
            ChatCompletion completion = client.chat().completions().create(withTools(alias, seed)
                    .toolChoice(com.openai.models.chat.completions.ChatCompletionToolChoiceOption.Auto.REQUIRED)
                    .build()).validate();

            ChatCompletion.Choice choice = completion.choices().getFirst();
            assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
            assertThat(choice.message().content()).isEmpty();
            var call = choice.message().toolCalls().orElseThrow().getFirst().asFunction();
            assertThat(call.id()).startsWith("call_");
            String parameters = call.function().name().equals("get_weather") ? WEATHER_PARAMETERS
                    : "{\"type\":\"object\",\"properties\":{\"tz\":{\"enum\":[\"UTC\",\"CET\"]}},\"required\":[\"tz\"]}";
            assertThat(schemas.getSchema(JSON.readTree(parameters)).validate(JSON.readTree(call.function().arguments())))
                    .as(call.function().arguments()).isEmpty();
        }
    }

    @Test
    @DisplayName("a named tool call streams as delta.tool_calls: index, id and name first, then the arguments")
    void aNamedToolCallStreamsAsOpenAiDoes() throws Exception {
        ChatCompletionCreateParams params = withTools(LONG_ORT_ALIAS, 5)
                .toolChoice(com.openai.models.chat.completions.ChatCompletionNamedToolChoice.builder()
                        .function(com.openai.models.chat.completions.ChatCompletionNamedToolChoice.Function.builder()
                                .name("get_weather").build()).build())
                .build();
        List<ChatCompletionChunk.Choice.Delta.ToolCall> deltas = new ArrayList<>();
        List<ChatCompletionChunk.Choice.FinishReason> finishes = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            stream.stream().map(ChatCompletionChunk::validate).flatMap(chunk -> chunk.choices().stream())
                    .forEach(choice -> {
                        choice.delta().toolCalls().ifPresent(deltas::addAll);
                        choice.delta().content().filter(text -> !text.isEmpty()).ifPresent(text -> {
                            throw new AssertionError("content leaked: " + text);
                        });
                        choice.finishReason().ifPresent(finishes::add);
                    });
        }

        assertThat(finishes).containsExactly(ChatCompletionChunk.Choice.FinishReason.TOOL_CALLS);
        assertThat(deltas.getFirst().index()).isZero();
        assertThat(deltas.getFirst().id()).hasValueSatisfying(id -> assertThat(id).startsWith("call_"));
        assertThat(deltas.getFirst().function().orElseThrow().name()).hasValue("get_weather");
        String arguments = deltas.stream().map(delta -> delta.function().flatMap(
                ChatCompletionChunk.Choice.Delta.ToolCall.Function::arguments).orElse("")).reduce("", String::concat);
        assertThat(com.networknt.schema.JsonSchemaFactory.getInstance(com.networknt.schema.SpecVersion.VersionFlag.V202012)
                .getSchema(JSON.readTree(WEATHER_PARAMETERS)).validate(JSON.readTree(arguments))).as(arguments).isEmpty();
    }

    @Test
    @DisplayName("a conversation holding an assistant's tool calls and the tool's answer is accepted")
    void toolResultsGoBackToTheModel() throws Exception {
        ChatCompletion first = client.chat().completions().create(withTools(LONG_ORT_ALIAS, 2)
                .toolChoice(com.openai.models.chat.completions.ChatCompletionToolChoiceOption.Auto.REQUIRED).build());
        var assistant = first.choices().getFirst().message();
        String callId = assistant.toolCalls().orElseThrow().getFirst().asFunction().id();

        ChatCompletion answer = client.chat().completions().create(withTools(LONG_ORT_ALIAS, 2)
                .addMessage(assistant.toParam())
                .addMessage(com.openai.models.chat.completions.ChatCompletionToolMessageParam.builder()
                        .toolCallId(callId).content("{\"celsius\": 4}").build())
                .toolChoice(com.openai.models.chat.completions.ChatCompletionToolChoiceOption.Auto.NONE)
                .maxCompletionTokens(4).build()).validate();

        assertThat(answer.choices().getFirst().message().toolCalls().orElse(List.of())).isEmpty();
        assertThat(answer.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.LENGTH);
    }

    @Test
    @DisplayName("responses.create answers text that retrieve returns, input_items lists and delete removes")
    void aResponseIsCreatedRetrievedListedAndDeleted() {
        com.openai.models.responses.Response created = client.responses().create(
                com.openai.models.responses.ResponseCreateParams.builder().model(ORT_ALIAS).input("Tell me a story")
                        .instructions("Be brief").maxOutputTokens((long) MAX_TOKENS).temperature(0.0).build())
                .validate();

        assertThat(created.id()).startsWith("resp_");
        assertThat(created.status()).contains(com.openai.models.responses.ResponseStatus.INCOMPLETE);
        assertThat(created.usage().orElseThrow().outputTokens()).isEqualTo(MAX_TOKENS);
        String text = created.output().getFirst().asMessage().content().getFirst().asOutputText().text();
        assertThat(text).isNotEmpty();
        assertThat(client.responses().retrieve(created.id()).validate().output().getFirst().asMessage().content()
                .getFirst().asOutputText().text()).isEqualTo(text);
        var items = client.responses().inputItems().list(created.id()).data();
        assertThat(items).hasSize(1);
        assertThat(items.getFirst().asResponseInputMessageItem().content().getFirst().asInputText().text())
                .isEqualTo("Tell me a story");

        client.responses().delete(created.id());
        assertThatThrownBy(() -> client.responses().retrieve(created.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    @DisplayName("responses.create with text.format json_schema answers JSON that validates, and a follow-up chains")
    void aResponseFollowsItsJsonSchemaAndChains() throws Exception {
        Map<String, Object> schema = JSON.readValue(WEATHER_SCHEMA, new com.fasterxml.jackson.core.type.TypeReference<>() { });
        var wire = com.openai.models.responses.ResponseFormatTextJsonSchemaConfig.Schema.builder();
        schema.forEach((key, value) -> wire.putAdditionalProperty(key, com.openai.core.JsonValue.from(value)));
        com.openai.models.responses.Response first = client.responses().create(
                com.openai.models.responses.ResponseCreateParams.builder().model(LONG_ORT_ALIAS).input("Weather?")
                        .maxOutputTokens(800L).temperature(1.0)
                        .text(com.openai.models.responses.ResponseTextConfig.builder().format(
                                com.openai.models.responses.ResponseFormatTextJsonSchemaConfig.builder().name("weather")
                                        .schema(wire.build()).strict(true).build()).build())
                        .build()).validate();

        String json = first.output().getFirst().asMessage().content().getFirst().asOutputText().text();
        assertThat(first.status()).contains(com.openai.models.responses.ResponseStatus.COMPLETED);
        assertThat(com.networknt.schema.JsonSchemaFactory.getInstance(com.networknt.schema.SpecVersion.VersionFlag.V202012)
                .getSchema(JSON.readTree(WEATHER_SCHEMA)).validate(JSON.readTree(json))).as(json).isEmpty();

        com.openai.models.responses.Response next = client.responses().create(
                com.openai.models.responses.ResponseCreateParams.builder().model(LONG_ORT_ALIAS).input("And tomorrow?")
                        .previousResponseId(first.id()).maxOutputTokens(4L).build()).validate();
        assertThat(next.previousResponseId()).contains(first.id());
        assertThat(next.usage().orElseThrow().inputTokens()).isGreaterThan(first.usage().orElseThrow().inputTokens());
    }

    @Test
    @DisplayName("responses.stream sends OpenAI's event sequence, whose deltas make the completed response's text")
    void aStreamedResponseSendsTheEventSequence() {
        List<String> types = new ArrayList<>();
        StringBuilder deltas = new StringBuilder();
        List<com.openai.models.responses.Response> completed = new ArrayList<>();
        try (StreamResponse<com.openai.models.responses.ResponseStreamEvent> stream = client.responses()
                .createStreaming(com.openai.models.responses.ResponseCreateParams.builder().model(ORT_ALIAS)
                        .input("Stream to me").maxOutputTokens((long) MAX_TOKENS).temperature(0.0).build())) {
            stream.stream().forEach(event -> {
                event.validate();
                try {
                    types.add(JSON.readTree(com.openai.core.ObjectMappers.jsonMapper().writeValueAsString(event))
                            .get("type").asText());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                event.outputTextDelta().ifPresent(delta -> deltas.append(delta.delta()));
                event.incomplete().ifPresent(done -> completed.add(done.response()));
            });
        }

        assertThat(types.subList(0, 4)).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.content_part.added");
        assertThat(types.subList(types.size() - 4, types.size())).containsExactly("response.output_text.done",
                "response.content_part.done", "response.output_item.done", "response.incomplete");
        assertThat(completed.getFirst().output().getFirst().asMessage().content().getFirst().asOutputText().text())
                .isEqualTo(deltas.toString()).isNotEmpty();
    }

    @Test
    @DisplayName("responses.create with a required function tool answers a function_call item whose arguments validate")
    void aResponseCallsARequiredFunction() throws Exception {
        Map<String, Object> schema = JSON.readValue(WEATHER_PARAMETERS, new com.fasterxml.jackson.core.type.TypeReference<>() { });
        var parameters = com.openai.models.responses.FunctionTool.Parameters.builder();
        schema.forEach((key, value) -> parameters.putAdditionalProperty(key, com.openai.core.JsonValue.from(value)));
        com.openai.models.responses.Response response = client.responses().create(
                com.openai.models.responses.ResponseCreateParams.builder().model(LONG_ORT_ALIAS).input("Weather in Oslo?")
                        .maxOutputTokens(600L).temperature(1.0)
                        .addTool(com.openai.models.responses.FunctionTool.builder().name("get_weather")
                                .parameters(parameters.build()).strict(true).build())
                        .toolChoice(com.openai.models.responses.ToolChoiceOptions.REQUIRED).build()).validate();

        var call = response.output().getFirst().asFunctionCall();
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(call.callId()).startsWith("call_");
        assertThat(com.networknt.schema.JsonSchemaFactory.getInstance(com.networknt.schema.SpecVersion.VersionFlag.V202012)
                .getSchema(JSON.readTree(WEATHER_PARAMETERS)).validate(JSON.readTree(call.arguments())))
                .as(call.arguments()).isEmpty();
    }

    private JsonNode python(String step, String model) throws Exception {
        org.jfoundry.adapters.cli.e2e.TestClients.Run run = org.jfoundry.adapters.cli.e2e.TestClients.python(
                "openai_structured.py", Map.of("JFOUNDRY_URL", service.url().toString()), step, model);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return JSON.readTree(run.lastLine());
    }

    @Test
    @DisplayName("openai-python: tool calls whole and streamed, arguments valid, the stream naming the call first")
    void openAiPythonCallsTools() throws Exception {
        JsonNode found = python("tools", LONG_ORT_ALIAS);
        var parameters = com.networknt.schema.JsonSchemaFactory.getInstance(
                com.networknt.schema.SpecVersion.VersionFlag.V202012).getSchema(JSON.readTree(WEATHER_PARAMETERS));

        assertThat(found.get("wholeFinish").asText()).isEqualTo("tool_calls");
        assertThat(found.get("wholeContent").isNull()).isTrue();
        assertThat(found.get("wholeName").asText()).isEqualTo("get_weather");
        assertThat(found.get("wholeId").asText()).startsWith("call_");
        assertThat(parameters.validate(found.get("wholeArguments"))).isEmpty();
        assertThat(found.get("streamFirst").get("index").asInt()).isZero();
        assertThat(found.get("streamFirst").get("id").asText()).startsWith("call_");
        assertThat(found.get("streamFirst").get("name").asText()).isEqualTo("get_weather");
        assertThat(parameters.validate(found.get("streamArguments"))).isEmpty();
        assertThat(found.get("streamFinish").asText()).isEqualTo("tool_calls");
        assertThat(found.get("streamContent").asText()).isEmpty();
    }

    @Test
    @DisplayName("openai-python: chat.completions.parse() fills a pydantic model under every seed")
    void openAiPythonParsesIntoPydanticModels() throws Exception {
        JsonNode found = python("parse", LONG_ORT_ALIAS);

        assertThat(found.get("parsed")).hasSize(3).allSatisfy(forecast -> {
            assertThat(forecast.get("sky").asText()).isIn("sunny", "rainy", "cloudy");
            assertThat(forecast.get("celsius").asInt()).isBetween(-40, 50);
            assertThat(forecast.get("city").asText().codePointCount(0, forecast.get("city").asText().length()))
                    .isLessThanOrEqualTo(8);
        });
    }

    @Test
    @DisplayName("openai-python: responses.create, retrieve, input_items, stream and delete")
    void openAiPythonUsesTheResponsesApi() throws Exception {
        JsonNode found = python("responses", ORT_ALIAS);

        assertThat(found.get("text").asText()).isNotEmpty().isEqualTo(found.get("retrievedText").asText());
        assertThat(found.get("status").asText()).isEqualTo("incomplete");
        assertThat(found.get("inputItems").get(0).asText()).isEqualTo("Tell me a story");
        List<String> types = new ArrayList<>();
        found.get("types").forEach(type -> types.add(type.asText()));
        assertThat(types.getFirst()).isEqualTo("response.created");
        assertThat(types).contains("response.output_text.delta", "response.output_item.done");
        assertThat(types.getLast()).isEqualTo("response.incomplete");
        assertThat(found.get("deltas").asText()).isNotEmpty().isEqualTo(found.get("streamedText").asText());
        assertThat(found.get("gone").asBoolean()).isTrue();
    }

    /** What a LangChain4j agent may call; it answers at once with the tool's result (no second model turn). */
    public static class ForecastTools {
        final List<String> calls = new ArrayList<>();

        @dev.langchain4j.agent.tool.Tool(value = "the forecast for a kind of sky",
                returnBehavior = dev.langchain4j.agent.tool.ReturnBehavior.IMMEDIATE)
        public String forecast(@dev.langchain4j.agent.tool.P("the sky") Sky sky,
                               @dev.langchain4j.agent.tool.P("whether for tomorrow") boolean tomorrow) {
            calls.add(sky + "/" + tomorrow);
            return "it will be " + sky;
        }
    }

    interface Forecaster {
        dev.langchain4j.service.Result<String> ask(String question);
    }

    @Test
    @DisplayName("a LangChain4j AiServices agent calls its @Tool with arguments the constraint made valid")
    void aLangChain4jAgentCallsItsTool() {
        ForecastTools tools = new ForecastTools();
        dev.langchain4j.model.openai.OpenAiChatModel model = dev.langchain4j.model.openai.OpenAiChatModel.builder()
                .baseUrl(service.url() + "/v1").apiKey("any-key").modelName(LONG_ORT_ALIAS).temperature(1.0)
                .seed(3).maxTokens(600).maxRetries(0)
                .defaultRequestParameters(dev.langchain4j.model.openai.OpenAiChatRequestParameters.builder()
                        .toolChoice(dev.langchain4j.model.chat.request.ToolChoice.REQUIRED).build())
                .build();
        Forecaster agent = dev.langchain4j.service.AiServices.builder(Forecaster.class).chatModel(model)
                .tools(tools).build();

        dev.langchain4j.service.Result<String> answer = agent.ask("Will it rain?");

        assertThat(tools.calls).hasSize(1);
        assertThat(answer.toolExecutions()).hasSize(1);
        assertThat(answer.toolExecutions().getFirst().request().name()).isEqualTo("forecast");
        assertThat(answer.toolExecutions().getFirst().result()).startsWith("it will be ");
    }

    @Test
    @DisplayName("a request loads its model on demand, which /openai/loadedmodels then lists")
    void aRequestLoadsItsModelOnDemand() throws Exception {
        assertThat(get("/openai/unloadall").statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(get("/openai/loadedmodels").body())).isEmpty();

        client.chat().completions().create(greedy(AUTO_ALIAS, "Hello").build());

        assertThat(ids(JSON.readTree(get("/openai/loadedmodels").body()))).containsExactly(idOf(AUTO_ALIAS));
    }

    @Test
    @DisplayName("/v1/models lists every cached model by id")
    void theModelListNamesEveryCachedModel() {
        List<String> ids = client.models().list().data().stream().map(Model::validate).map(Model::id).toList();

        assertThat(ids).containsExactlyInAnyOrder(idOf(AUTO_ALIAS), idOf(ORT_ALIAS), idOf(GENAI_ALIAS),
                idOf(LONG_ORT_ALIAS), idOf(LONG_GENAI_ALIAS), EMBEDDING_ID);
        assertThat(client.models().retrieve(EMBEDDING_ALIAS).id()).isEqualTo(EMBEDDING_ID);
    }

    @Test
    @DisplayName("MiniLM embeds in order into 384-dimension unit vectors whose cosines follow meaning")
    void embeddingsFollowMeaning() {
        List<String> texts = List.of("cat", "kitten", "stock market");
        CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder()
                .model(EMBEDDING_ALIAS).inputOfArrayOfStrings(texts).build()).validate();

        List<float[]> vectors = vectors(response);
        assertThat(response.data()).extracting(Embedding::index).containsExactly(0L, 1L, 2L);
        assertThat(vectors).allSatisfy(v -> {
            assertThat(v).hasSize(384);
            assertThat(norm(v)).isCloseTo(1.0, within(1e-3));
        });
        assertThat(cosine(vectors.get(0), vectors.get(1))).isGreaterThan(cosine(vectors.get(0), vectors.get(2)) + 0.1);
        // Order kept: each text alone embeds to the vector at its place in the batch.
        for (int i = 0; i < texts.size(); i++) {
            float[] alone = vectors(client.embeddings().create(EmbeddingCreateParams.builder()
                    .model(EMBEDDING_ALIAS).input(texts.get(i)).build())).getFirst();
            assertThat(alone).containsExactly(vectors.get(i), within(1e-4f));
        }
        assertThat(response.usage().promptTokens()).isPositive();
    }

    @Test
    @DisplayName("base64 embeddings over raw HTTP are the float ones as little-endian float32")
    void base64EmbeddingsAreTheSameFloats() throws Exception {
        List<String> texts = List.of("a sunny day", "the bank raised interest rates");
        List<float[]> floats = vectors(client.embeddings().create(EmbeddingCreateParams.builder()
                .model(EMBEDDING_ALIAS).inputOfArrayOfStrings(texts)
                .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT).build()));

        ObjectNode body = JSON.createObjectNode().put("model", EMBEDDING_ALIAS).put("encoding_format", "base64");
        texts.forEach(body.putArray("input")::add);
        HttpResponse<String> response = post("/v1/embeddings", body);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode data = JSON.readTree(response.body()).get("data");
        assertThat(data).hasSize(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            assertThat(data.get(i).get("index").asInt()).isEqualTo(i);
            assertThat(data.get(i).get("embedding").isTextual()).as("base64 is a string").isTrue();
            ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(data.get(i).get("embedding").asText()))
                    .order(ByteOrder.LITTLE_ENDIAN);
            float[] decoded = new float[bytes.remaining() / Float.BYTES];
            bytes.asFloatBuffer().get(decoded);
            assertThat(decoded).containsExactly(floats.get(i), within(1e-6f));
        }
    }

    @Test
    @DisplayName("each engine serves the model set to it, and both decode the same weights greedily alike")
    void eachEngineServesTheModelSetToIt() throws Exception {
        client.chat().completions().create(greedy(ORT_ALIAS, "Hello").build());
        assertThat(engineServing(ORT_ALIAS)).isEqualTo("ort");
        client.chat().completions().create(greedy(AUTO_ALIAS, "Hello").build());
        assertThat(engineServing(AUTO_ALIAS)).isEqualTo(genaiLibrary.isPresent() ? "genai" : "ort");
        assumeTrue(genaiLibrary.isPresent(), "ONNX Runtime GenAI is not installed: the forced-GenAI model is not run");
        client.chat().completions().create(greedy(GENAI_ALIAS, "Hello").build());
        assertThat(engineServing(GENAI_ALIAS)).isEqualTo("genai");

        int comparedTexts = 0;
        for (String prompt : CROSS_CHECK_PROMPTS) {
            ChatCompletion fromOrt = client.chat().completions().create(greedy(ORT_ALIAS, prompt).build());
            ChatCompletion fromGenai = client.chat().completions().create(greedy(GENAI_ALIAS, prompt).build());
            CompletionUsage ortUsage = fromOrt.usage().orElseThrow();
            CompletionUsage genaiUsage = fromGenai.usage().orElseThrow();
            assertThat(genaiUsage.promptTokens()).as(prompt).isEqualTo(ortUsage.promptTokens());
            assertThat(genaiUsage.completionTokens()).as(prompt).isEqualTo(ortUsage.completionTokens());
            assertThat(fromGenai.choices().getFirst().finishReason()).isEqualTo(fromOrt.choices().getFirst().finishReason());
            String ortText = fromOrt.choices().getFirst().message().content().orElseThrow();
            String genaiText = fromGenai.choices().getFirst().message().content().orElseThrow();
            // Documented difference (EngineCrossCheckTest): GenAI drops tokens whose bytes are not UTF-8 alone (and at
            // times text next to them) where the Java loop writes U+FFFD. Otherwise the texts must agree.
            assertThat(genaiText).as(prompt).doesNotContain("\uFFFD");
            if (!ortText.contains("\uFFFD")) {
                assertThat(genaiText).as(prompt).isEqualTo(ortText);
                comparedTexts++;
            }
        }
        assertThat(comparedTexts).as("answers free of U+FFFD, so that texts were compared at all").isPositive();
    }

    @ParameterizedTest(name = "engine {0}")
    @EnumSource(value = EngineChoice.class, names = {"ORT", "GENAI"})
    @DisplayName("the global engine setting picks the engine of every text model without its own setting")
    void theGlobalEngineSettingPicksTheEngine(EngineChoice choice) throws Exception {
        assumeTrue(choice != EngineChoice.GENAI || genaiLibrary.isPresent(), "ONNX Runtime GenAI is not installed");
        ServiceSettings settings = new JsonSettingsStore(new FoundryHome(home)).load().withEngine(choice, Map.of());

        // A second service beside the first, in the same process, over the same cache.
        URI secondUrl;
        try (HostedService second = assembly().start(settings)) {
            secondUrl = second.url();
            ObjectNode body = JSON.createObjectNode().put("model", AUTO_ALIAS).put("max_tokens", MAX_TOKENS);
            body.putArray("messages").addObject().put("role", "user").put("content", "Hello");
            HttpResponse<String> answer = post(second.url(), "/v1/chat/completions", body);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);

            HttpResponse<String> loaded = get(second.url(), "/openai/load/" + AUTO_ALIAS);
            assertThat(JSON.readTree(loaded.body()).get("engine").asText()).isEqualTo(choice.wireName());
        }
        assertThatThrownBy(() -> get(secondUrl, "/health")).as("closed, it no longer listens")
                .isInstanceOf(ConnectException.class);
        assertThat(get("/health").statusCode()).as("the first service is untouched").isEqualTo(200);
    }

    @Test
    @DisplayName("an unknown model is a 404 in OpenAI's error shape, and the service answers on")
    void anUnknownModelIsA404AndTheServiceAnswersOn() throws Exception {
        NotFoundException fromClient = catchThrowableOfType(NotFoundException.class,
                () -> client.chat().completions().create(greedy("no-such-model", "Hi").build()));
        assertThat(fromClient.statusCode()).isEqualTo(404);
        assertThat(fromClient.getMessage()).contains("no-such-model");

        ObjectNode body = JSON.createObjectNode().put("model", "no-such-model");
        body.putArray("messages").addObject().put("role", "user").put("content", "Hi");
        HttpResponse<String> raw = post("/v1/chat/completions", body);
        assertThat(raw.statusCode()).isEqualTo(404);
        assertThat(raw.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode error = JSON.readTree(raw.body()).get("error");
        assertThat(error).isNotNull();
        assertThat(error.get("message").asText()).contains("no-such-model");
        assertThat(error.get("type").asText()).isEqualTo("not_found_error");
        assertThat(error.has("param")).isTrue();
        assertThat(error.has("code")).isTrue();

        ChatCompletion after = client.chat().completions().create(greedy(AUTO_ALIAS, "Still there?").build());
        assertThat(after.choices().getFirst().message().content()).hasValueSatisfying(t -> assertThat(t).isNotBlank());
        assertThat(get("/health").statusCode()).isEqualTo(200);
    }

    /** The composition root for this home, with none of the developer's environment (engine override, catalog). */
    private static ServiceAssembly assembly() {
        return new ServiceAssembly(new FoundryHome(home), Map.of(FoundryHome.ENVIRONMENT_VARIABLE, home.toString()));
    }

    private static ChatCompletionCreateParams.Builder greedy(String model, String prompt) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage(prompt)
                .maxCompletionTokens(MAX_TOKENS).temperature(0.0).seed(SEED);
    }

    /** Greedy JSON mode with room enough that the object can close before max_tokens. */
    private static ChatCompletionCreateParams.Builder jsonMode(String model, String prompt) {
        return greedy(model, prompt).maxCompletionTokens(JSON_MODE_MAX_TOKENS)
                .responseFormat(ResponseFormatJsonObject.builder().build());
    }

    /** The text parsed as exactly one JSON value: anything after it but whitespace fails. */
    private static JsonNode wholeJson(String text) throws IOException {
        return JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(text);
    }

    private static boolean isJsonPrefix(String text) {
        return JsonPrefixes.isJsonObjectPrefix(text);
    }

    /** Random weights give a flat distribution: at temperature 1.5 two seeds all but surely part within 16 tokens. */
    private static ChatCompletionCreateParams.Builder sampled(String model, long seed) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("Surprise me")
                .maxCompletionTokens(16).temperature(1.5).topP(1.0).seed(seed);
    }

    /** Three ASCII letters or spaces in a row at or after {@code from}: a stop string that is plainly in the text. */
    private static String plainTextFrom(String text, int from) {
        for (int i = from; i + 3 <= text.length(); i++) {
            if (text.substring(i, i + 3).chars().allMatch(c -> c == ' ' || (c < 128 && Character.isLetter(c)))) {
                return text.substring(i, i + 3);
            }
        }
        throw new AssertionError("no three plain letters in a row after " + from + " in: " + text);
    }

    /** The engine GET /openai/load reports for a model already loaded by a request (loading again changes nothing). */
    private String engineServing(String alias) throws Exception {
        HttpResponse<String> response = get("/openai/load/" + alias);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("engine").asText();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return get(service.url(), path);
    }

    private HttpResponse<String> get(URI base, String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private HttpResponse<String> post(String path, JsonNode body) throws Exception {
        return post(service.url(), path, body);
    }

    private HttpResponse<String> post(URI base, String path, JsonNode body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(id -> ids.add(id.asText()));
        return ids;
    }

    private static List<float[]> vectors(CreateEmbeddingResponse response) {
        return response.data().stream().map(e -> {
            List<Float> values = e.embedding();
            float[] vector = new float[values.size()];
            for (int i = 0; i < vector.length; i++) {
                vector[i] = values.get(i);
            }
            return vector;
        }).toList();
    }

    private static double norm(float[] v) {
        return Math.sqrt(dot(v, v));
    }

    private static double cosine(float[] a, float[] b) {
        return dot(a, b) / (norm(a) * norm(b));
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    /** Foundry's cache layout: {@code <cache>/<Publisher>/<name>-<version>/v<version>/}. */
    private static Path modelFolder(Path cache, String name) {
        return cache.resolve("Microsoft").resolve(name + "-1").resolve("v1");
    }

    /** A name ending the way Foundry's CPU variants do, so the service reads the CPU provider from it. */
    private static String idOf(String alias) {
        return alias + "-generic-cpu:1";
    }

    private static void addAlias(Path inferenceModelJson, String alias) throws IOException {
        ObjectNode json = (ObjectNode) JSON.readTree(inferenceModelJson.toFile());
        json.put("Alias", alias);
        JSON.writeValue(inferenceModelJson.toFile(), json);
    }

    /** MiniLM as the cache holds an embedding model: model.onnx, tokenizer.json and inference_model.json (Task embeddings). */
    private static void copyMiniLm(Path folder) throws IOException {
        Files.createDirectories(folder);
        Path source = MiniLmFolder.get();
        for (String file : List.of("model.onnx", "tokenizer.json")) {
            Files.copy(source.resolve(file), folder.resolve(file));
        }
        Files.writeString(folder.resolve("inference_model.json"), JSON.writeValueAsString(JSON.createObjectNode()
                .put("Name", EMBEDDING_ID).put("Alias", EMBEDDING_ALIAS).put("Task", "embeddings")));
    }

    /** Where the product would find GenAI for the developer: FOUNDRY_GENAI_LIBRARY, else ~/.foundry's native folder. */
    private static Optional<Path> installedGenAiLibrary() {
        String fromEnvironment = System.getenv(GenAiEngine.LIBRARY_ENVIRONMENT_VARIABLE);
        Stream<Path> candidates = Stream.of(
                fromEnvironment == null || fromEnvironment.isBlank() ? null : Path.of(fromEnvironment.trim()),
                GenAiEngine.libraryInHome(new FoundryHome(Path.of(System.getProperty("user.home"), ".foundry"))));
        return candidates.filter(p -> p != null && Files.isRegularFile(p)).findFirst();
    }
}
