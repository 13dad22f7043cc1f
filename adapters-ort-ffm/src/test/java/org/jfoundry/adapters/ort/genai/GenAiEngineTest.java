package org.jfoundry.adapters.ort.genai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jfoundry.adapters.ort.testmodels.DecoderSpec;
import org.jfoundry.adapters.ort.testmodels.TestDecoders;
import org.jfoundry.ports.failure.CancelledException;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.failure.EngineFailureException;
import org.jfoundry.ports.failure.ProviderUnavailableException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.ChatMessage;
import org.jfoundry.ports.inference.Completion;
import org.jfoundry.ports.inference.FinishReason;
import org.jfoundry.ports.inference.GenerationParameters;
import org.jfoundry.ports.inference.Prompt;
import org.jfoundry.ports.inference.TokenSink;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.out.ModelHandle;
import org.jfoundry.ports.out.ModelLoadSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GenAI-specific behaviour beyond the shared contract; skipped when the library is not installed. */
class GenAiEngineTest {

    @TempDir
    static Path models;

    private static Path gqa;

    @BeforeAll
    static void writeTheDecoder() {
        gqa = TestDecoders.write(models.resolve("gqa"), DecoderSpec.tinyGqa(7));
    }

    @BeforeEach
    void needsTheLibrary() {
        GenAiTestSupport.assumeAvailable();
    }

    private static ModelHandle load(Path folder) {
        return GenAiTestSupport.engine().load(ModelLoadSpec.cpu(GenAiTestSupport.cachedModel(folder, "m")));
    }

    private static GenerationParameters greedy(int maxTokens) {
        return GenerationParameters.defaults().withTemperature(0.0).withMaxTokens(maxTokens);
    }

    @Test
    void genAiRunsOnTheSameOnnxRuntimeFileAsTheOrtAdapter() throws IOException {
        try (ModelHandle handle = load(gqa)) {
            handle.generate(new Prompt.Text("hi"), greedy(2), chunk -> { }, new CancellationSignal());
        }
        List<String> mapped = Files.readAllLines(Path.of("/proc/self/maps")).stream()
                .filter(line -> line.endsWith("/libonnxruntime.so") || line.contains("/libonnxruntime.so."))
                .map(line -> line.substring(line.indexOf('/')))
                // The official Java API (the tests' reference decoder) extracts a copy of its own there.
                .filter(path -> !path.contains("/onnxruntime-java"))
                .distinct()
                .toList();

        assertThat(mapped).containsExactly(GenAiTestSupport.ortLibrary().toRealPath().toString());
    }

    @Test
    void theChatTemplateOfTheTokenizerConfigRendersTheConversation() {
        try (GenAiModelHandle handle = (GenAiModelHandle) load(gqa)) {
            String rendered = handle.render(new Prompt.Chat(List.of(ChatMessage.user("hello"))));

            assertThat(rendered).isEqualTo("<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n"
                    + "<|im_start|>user\nhello<|im_end|>\n<|im_start|>assistant\n");
        }
    }

    @Test
    void aFolderWithoutChatTemplateUsesFoundrysPromptTemplate() throws IOException {
        Path folder = TestDecoders.write(models.resolve("no-template"), DecoderSpec.tinyGqa(7));
        Path config = folder.resolve("tokenizer_config.json");
        String withoutTemplate = Files.readString(config)
                .replaceAll("\"chat_template\"\\s*:\\s*\"(?:[^\"\\\\]|\\\\.)*\",?", "");
        Files.writeString(config, withoutTemplate);

        try (GenAiModelHandle handle = (GenAiModelHandle) load(folder)) {
            assertThat(handle.folder().hasChatTemplate()).isFalse();
            assertThat(handle.render(new Prompt.Chat(List.of(ChatMessage.user("hello")))))
                    .isEqualTo("<|im_start|>user\nhello<|im_end|>\n<|im_start|>assistant\n");
        }
    }

    @Test
    void aFolderGenAiCannotRunFailsItsLoadRatherThanEveryRequest() throws IOException {
        // GenAI's gpt2 type expects one combined past/present input per layer; this decoder has separate key/value ones.
        Path folder = TestDecoders.write(models.resolve("gpt2-type"), DecoderSpec.tinyGqa(7));
        Path config = folder.resolve("genai_config.json");
        Files.writeString(config, Files.readString(config).replaceFirst("\"type\"\\s*:\\s*\"[^\"]+\"", "\"type\" : \"gpt2\""));

        assertThatThrownBy(() -> load(folder).close()).isInstanceOf(EngineFailureException.class)
                .hasMessageContaining("GenAI could not load");
    }

    @Test
    void theEndOfSequenceIdsComeFromTheModelConfig() {
        DecoderSpec spec = DecoderSpec.tinyGqa(7);
        try (GenAiModelHandle handle = (GenAiModelHandle) load(gqa)) {
            assertThat(handle.endOfSequenceIds()).containsExactlyInAnyOrder(
                    TestDecoders.eosTokenIds(spec).stream().mapToInt(Integer::intValue).toArray());
        }
    }

    @Test
    void generationStopsAtTheContextLengthWithLength() {
        Path small = TestDecoders.write(models.resolve("small-context"), DecoderSpec.tinyGqa(7).withContextLength(24));
        try (ModelHandle handle = load(small)) {
            Prompt prompt = new Prompt.Text("the sea");
            int promptTokens = handle.countTokens(prompt);

            Completion completion = handle.generate(prompt, greedy(500), chunk -> { }, new CancellationSignal());

            assertThat(completion.finishReason()).isEqualTo(FinishReason.LENGTH);
            assertThat(completion.usage().completionTokens()).isEqualTo(24 - promptTokens);
        }
    }

    @Test
    void aPromptLongerThanTheContextIsAnInvalidRequest() {
        Path small = TestDecoders.write(models.resolve("tiny-context"), DecoderSpec.tinyGqa(7).withContextLength(16));
        try (ModelHandle handle = load(small)) {
            assertThatThrownBy(() -> handle.generate(new Prompt.Text("word ".repeat(40)), greedy(4), chunk -> { },
                    new CancellationSignal()))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("context");
        }
    }

    @Test
    void seededSamplingRepeatsItselfAndDiffersAcrossSeeds() {
        try (ModelHandle handle = load(gqa)) {
            GenerationParameters sampled = new GenerationParameters(12, 1.0, null, 0, null, null, null, 1234L,
                    List.of(), null);
            Prompt prompt = new Prompt.Text("once upon a time");
            String first = handle.generate(prompt, sampled, chunk -> { }, new CancellationSignal()).text();
            String again = handle.generate(prompt, sampled, chunk -> { }, new CancellationSignal()).text();
            String greedyText = handle.generate(prompt, greedy(12), chunk -> { }, new CancellationSignal()).text();

            assertThat(again).isEqualTo(first);
            assertThat(first).isNotEqualTo(greedyText);
        }
    }

    @Test
    void unloadingDuringAGenerationCancelsIt() throws Exception {
        ModelHandle handle = load(gqa);
        CountDownLatch firstChunk = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            TokenSink waitForTheClose = chunk -> {
                firstChunk.countDown();
                try {
                    closed.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
            Future<Completion> running = worker.submit(() -> handle.generate(new Prompt.Text("go"), greedy(100),
                    waitForTheClose, new CancellationSignal()));
            assertThat(firstChunk.await(60, TimeUnit.SECONDS)).isTrue();
            handle.close();
            closed.countDown();

            assertThatThrownBy(() -> running.get(60, TimeUnit.SECONDS)).hasCauseInstanceOf(CancelledException.class)
                    .cause().hasMessageContaining("unloaded");
        } finally {
            worker.shutdownNow();
        }
    }

    @Test
    void aProviderMissingFromTheBuildIsReportedAsUnavailable() {
        CachedModel model = GenAiTestSupport.cachedModel(gqa, "m");
        ModelLoadSpec cuda = new ModelLoadSpec(model, ExecutionProvider.CUDA, Map.of("device_id", "0"), 0);

        assertThatThrownBy(() -> GenAiTestSupport.engine().load(cuda).close())
                .isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("cuda");
    }

    @Test
    void anEmbeddingModelIsRefused() {
        CachedModel embedding = new CachedModel(new ModelId("e", "1"), null, gqa, 1, "embeddings", null);

        assertThatThrownBy(() -> GenAiTestSupport.engine().load(ModelLoadSpec.cpu(embedding)))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void aFolderThatIsNotAGenAiModelFailsToLoadNamingTheMissingFile() throws IOException {
        Path empty = Files.createDirectories(models.resolve("empty"));

        assertThatThrownBy(() -> load(empty)).hasMessageContaining("genai_config.json");
    }

    @Test
    void aDirectoryWithoutTheLibraryLeavesTheEngineUnavailableWithTheReason(@TempDir Path home) {
        GenAiEngine engine = GenAiEngine.create(null, Map.of(), new org.jfoundry.ports.settings.FoundryHome(home),
                GenAiTestSupport.ortLibrary());

        assertThat(engine.unavailableReason())
                .hasValueSatisfying(reason -> assertThat(reason).contains("fetch-genai.sh"));
        assertThatThrownBy(() -> engine.load(ModelLoadSpec.cpu(GenAiTestSupport.cachedModel(gqa, "m"))))
                .hasMessageContaining("unavailable");
    }
}
