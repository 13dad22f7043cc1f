package org.jfoundry.adapters.ort.genai;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.jfoundry.adapters.ort.OrtInferenceEngine;
import org.jfoundry.adapters.ort.generate.GenAiFolderLoader;
import org.jfoundry.adapters.ort.testing.TestRuntime;
import org.jfoundry.adapters.ort.testmodels.DecoderSpec;
import org.jfoundry.adapters.ort.testmodels.ReferenceDecoder;
import org.jfoundry.adapters.ort.testmodels.TestDecoders;
import org.jfoundry.adapters.ort.testmodels.TestPrompts;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.ChatMessage;
import org.jfoundry.ports.inference.Completion;
import org.jfoundry.ports.inference.GenerationParameters;
import org.jfoundry.ports.inference.Prompt;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.out.InferenceEngine;
import org.jfoundry.ports.out.ModelHandle;
import org.jfoundry.ports.out.ModelLoadSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The two native engines held against each other on generated decoders: GenAI and the Java loop over ONNX Runtime
 * must tokenize (to the same ids) and render prompts alike and decode greedily to the same tokens. GenAI's token ids are also held
 * against an independent oracle that recomputes the whole sequence each step (the official ONNX Runtime Java API).
 */
class EngineCrossCheckTest {

    private static final int TOKENS = 64;

    @TempDir
    static Path models;

    private static InferenceEngine javaLoop;
    private static final List<ModelHandle> opened = new ArrayList<>();

    @BeforeAll
    static void theJavaLoop() {
        javaLoop = new OrtInferenceEngine(List.of(new GenAiFolderLoader(TestRuntime.get().environment(), 1)));
    }

    @BeforeEach
    void needsGenAi() {
        GenAiTestSupport.assumeAvailable();
    }

    @AfterAll
    static void closeAll() {
        opened.forEach(ModelHandle::close);
    }

    static Stream<Arguments> decodersAndPrompts() {
        List<Prompt> prompts = List.of(
                new Prompt.Text("The quick brown fox jumps over"),
                new Prompt.Chat(List.of(ChatMessage.user("hello there"))),
                new Prompt.Chat(List.of(ChatMessage.system("Answer in French."), ChatMessage.user("What is the sea?"),
                        ChatMessage.assistant("La mer."), ChatMessage.user("And a wave? ünïcödé ✓"))));
        return Stream.of(DecoderSpec.tinyGqa(3), DecoderSpec.tinyStandard(3))
                .flatMap(spec -> prompts.stream().map(prompt -> Arguments.of(spec, prompt)));
    }

    @ParameterizedTest
    @MethodSource("decodersAndPrompts")
    void bothEnginesCountRenderAndDecodeGreedilyAlike(DecoderSpec spec, Prompt prompt) {
        Path folder = TestDecoders.writeOnce(models, spec);
        CachedModel model = GenAiTestSupport.cachedModel(folder, "cross");
        GenAiModelHandle genai = (GenAiModelHandle) open(GenAiTestSupport.engine(), model);
        ModelHandle java = open(javaLoop, model);
        GenerationParameters greedy = GenerationParameters.defaults().withTemperature(0.0).withMaxTokens(TOKENS);

        assertThat(java.countTokens(prompt)).as("tokens of the rendered prompt").isEqualTo(genai.countTokens(prompt));
        String rendered = genai.render(prompt);
        assertThat(idsFromHuggingFace(folder, rendered)).as("ids of the rendered prompt").isEqualTo(genai.encode(rendered));

        List<Integer> genaiIds = new ArrayList<>();
        Completion fromGenai = genai.generate(prompt, greedy, chunk -> { }, new CancellationSignal(), genaiIds::add);
        Completion fromJava = java.generate(prompt, greedy, chunk -> { }, new CancellationSignal());

        assertThat(genaiIds).isEqualTo(oracle(folder, spec, genai.encode(genai.render(prompt)), genaiIds.size()));
        assertThat(fromJava.finishReason()).isEqualTo(fromGenai.finishReason());
        assertThat(fromJava.usage()).isEqualTo(fromGenai.usage());
        // The Java loop's text is GenAI's token ids, byte for byte: the same ids (bytes and count both agree).
        assertThat(fromJava.text()).isEqualTo(TokenBytes.of(folder).decode(genaiIds));
        // A documented difference: for tokens whose bytes are not UTF-8 on their own, GenAI's tokenizer stream drops
        // them (and at times the text next to them), where the Java loop writes U+FFFD. Otherwise the texts agree.
        if (!fromJava.text().contains("\uFFFD")) {
            assertThat(fromGenai.text()).isEqualTo(fromJava.text());
        } else {
            assertThat(fromGenai.text()).doesNotContain("\uFFFD").isNotEqualTo(fromJava.text());
        }
    }

    @ParameterizedTest
    @MethodSource("decodersAndPrompts")
    void greedyDecodingRunsTheFull64TokensOnTheseDecoders(DecoderSpec spec, Prompt prompt) {
        Path folder = TestDecoders.writeOnce(models, spec);
        ModelHandle genai = open(GenAiTestSupport.engine(), GenAiTestSupport.cachedModel(folder, "cross"));
        GenerationParameters greedy = GenerationParameters.defaults().withTemperature(0.0).withMaxTokens(TOKENS);

        // Otherwise the comparison above would cover fewer tokens than it claims.
        assertThat(genai.generate(prompt, greedy, chunk -> { }, new CancellationSignal()).usage().completionTokens())
                .isEqualTo(TOKENS);
    }

    @Test
    void withoutAChatTemplateBothEnginesRenderTheFoldersFoundryTemplateAlike() throws IOException {
        Path folder = TestDecoders.write(models.resolve("no-chat-template"), DecoderSpec.tinyGqa(5));
        Path config = folder.resolve("tokenizer_config.json");
        Files.writeString(config, Files.readString(config)
                .replaceAll("\"chat_template\"\\s*:\\s*\"(?:[^\"\\\\]|\\\\.)*\",?", ""));
        // No template from the catalog: both engines must fall back to inference_model.json's.
        CachedModel model = new CachedModel(new ModelId("no-chat-template", "1"), null, folder, 0, "chat-completion",
                null);
        GenAiModelHandle genai = (GenAiModelHandle) open(GenAiTestSupport.engine(), model);
        ModelHandle java = open(javaLoop, model);
        Prompt chat = new Prompt.Chat(List.of(ChatMessage.system("Be brief."), ChatMessage.user("hello")));

        assertThat(genai.render(chat)).isEqualTo("<|im_start|>system\nBe brief.<|im_end|>\n"
                + "<|im_start|>user\nhello<|im_end|>\n<|im_start|>assistant\n");
        assertThat(java.countTokens(chat)).isEqualTo(genai.countTokens(chat));
    }

    /**
     * GenAI's tokenizer (onnxruntime-extensions) takes a pre-token found in the vocabulary as one token; Hugging Face's
     * BPE (the Java loop, through DJL) only applies merges by rank. They agree because every token of the generated
     * vocabulary is what its merges make of its text, as in a trained tokenizer. (Before the generator ensured that,
     * " answer" was one token for GenAI and two for the Java loop on this 4096-token vocabulary.)
     */
    @Test
    void aWordOfTheVocabularyIsTheSameOneTokenForBothEngines() {
        Path folder = TestDecoders.writeOnce(models, withVocabulary(4096));
        CachedModel model = GenAiTestSupport.cachedModel(folder, "vocab-4096");
        GenAiModelHandle genai = (GenAiModelHandle) open(GenAiTestSupport.engine(), model);
        ModelHandle java = open(javaLoop, model);

        for (String text : List.of(" answer", " answer the question", " inference the")) {
            assertThat(java.countTokens(new Prompt.Text(text))).as(text)
                    .isEqualTo(genai.countTokens(new Prompt.Text(text)));
            assertThat(idsFromHuggingFace(folder, text)).as(text).isEqualTo(genai.encode(text));
        }
        assertThat(genai.encode(" answer")).hasSize(1);
        assertThat(genai.decode(genai.encode(" answer"))).isEqualTo(" answer");
    }

    /** The benchmark's vocabulary (151936 tokens, from the same generator and seed) on a tiny model, for speed. */
    @Test
    void bothEnginesSplitTheBenchmarkPromptIntoTheSameTokens() {
        Path folder = TestDecoders.writeOnce(models, withVocabulary(DecoderSpec.benchmarkQwenShaped().vocabSize()));
        CachedModel model = GenAiTestSupport.cachedModel(folder, "vocab-bench");
        GenAiModelHandle genai = (GenAiModelHandle) open(GenAiTestSupport.engine(), model);
        ModelHandle java = open(javaLoop, model);
        String benchmarkPrompt = TestPrompts.commonWords(128);
        String mixed = "Hello, World! The model's answer: 42 tokens/s \u2014 ünïcödé ✓ (in   spaces)\n\tand more";

        assertThat(genai.countTokens(new Prompt.Text(benchmarkPrompt))).isEqualTo(128);
        assertThat(java.countTokens(new Prompt.Text(benchmarkPrompt))).isEqualTo(128);
        assertThat(idsFromHuggingFace(folder, benchmarkPrompt)).isEqualTo(genai.encode(benchmarkPrompt));
        assertThat(idsFromHuggingFace(folder, mixed)).isEqualTo(genai.encode(mixed));
    }

    private static DecoderSpec withVocabulary(int vocabSize) {
        return new DecoderSpec("qwen2", DecoderSpec.Attention.GROUP_QUERY_SHARED_BUFFER, false, false,
                vocabSize, 32, 1, 2, 1, 16, 64, 256, 0, 10_000, 42);
    }

    /** What the Java loop's tokenizer (Hugging Face's, through DJL) makes of {@code text}. */
    private static int[] idsFromHuggingFace(Path folder, String text) {
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(folder.resolve("tokenizer.json"))) {
            return Arrays.stream(tokenizer.encode(text, false, false).getIds()).mapToInt(id -> (int) id).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Integer> oracle(Path folder, DecoderSpec spec, int[] promptIds, int steps) {
        try (ReferenceDecoder reference = new ReferenceDecoder(folder, spec)) {
            long[] ids = reference.greedyWithoutCache(Arrays.stream(promptIds).asLongStream().toArray(), steps);
            return Arrays.stream(ids).mapToObj(id -> (int) id).toList();
        }
    }

    private static ModelHandle open(InferenceEngine engine, CachedModel model) {
        ModelHandle handle = engine.load(ModelLoadSpec.cpu(model));
        opened.add(handle);
        return handle;
    }
}
