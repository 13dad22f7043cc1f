package org.jfoundry.adapters.ort.generate;

import org.jfoundry.adapters.ort.testing.TestRuntime;
import org.jfoundry.adapters.ort.testmodels.DecoderSpec;
import org.jfoundry.ports.failure.EngineFailureException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.ChatMessage;
import org.jfoundry.ports.inference.Completion;
import org.jfoundry.ports.inference.GenerationParameters;
import org.jfoundry.ports.inference.Prompt;
import org.jfoundry.ports.inference.TokenSink;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.out.ModelHandle;
import org.jfoundry.ports.out.ModelLoadSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GenAiFolderLoaderTest {

    private static final DecoderSpec SPEC = DecoderSpec.tinyGqa(5);

    @TempDir
    Path temp;

    private static CachedModel cached(Path folder) {
        return new CachedModel(new ModelId("tiny", "1"), null, folder, 0, "chat-completion", null);
    }

    @Test
    void cudaComputesFloat32ExactlyUnlessTheConfigOrTheRequestTurnsTf32On() {
        Path folder = Path.of("unused");
        GenAiConfig.SessionSettings plain = new GenAiConfig.SessionSettings(0, 0, "", Map.of(), Map.of());
        GenAiConfig.SessionSettings tf32 = new GenAiConfig.SessionSettings(0, 0, "",
                Map.of("cuda", Map.of("use_tf32", "1")), Map.of());

        assertThat(GenAiFolderLoader.providerOptions(plain, new ModelLoadSpec(cached(folder), ExecutionProvider.CUDA,
                Map.of(), 0))).containsEntry("use_tf32", "0");
        assertThat(GenAiFolderLoader.providerOptions(tf32, new ModelLoadSpec(cached(folder), ExecutionProvider.CUDA,
                Map.of(), 0))).containsEntry("use_tf32", "1");
        assertThat(GenAiFolderLoader.providerOptions(plain, new ModelLoadSpec(cached(folder), ExecutionProvider.CUDA,
                Map.of("use_tf32", "1"), 0))).containsEntry("use_tf32", "1");
        assertThat(GenAiFolderLoader.providerOptions(plain, new ModelLoadSpec(cached(folder),
                ExecutionProvider.OPENVINO, Map.of(), 0))).isEmpty();
    }

    @Test
    void theOrtEngineSendsGenAiFoldersToThisLoader() {
        try (ModelHandle model = TestRuntime.get().inferenceEngine().load(ModelLoadSpec.cpu(
                cached(TinyDecoders.folder(SPEC))))) {
            Completion completion = model.generate(new Prompt.Chat(List.of(ChatMessage.user("hello"))),
                    GenerationParameters.defaults().withTemperature(0.0).withMaxTokens(5), TokenSink.DISCARD,
                    new CancellationSignal());

            assertThat(model.canGenerate()).isTrue();
            assertThat(model.canEmbed()).isFalse();
            assertThat(model.estimatedBytes()).isPositive();
            assertThat(completion.usage().completionTokens()).isEqualTo(5);
        }
    }

    @Test
    void openingATokenizerPinsTheCpuBuildOfItsNativeLibrary() {
        System.clearProperty("RUST_FLAVOR");
        System.clearProperty("ai.djl.offline");

        try (ModelTokenizer tokenizer = ModelTokenizer.open(TinyDecoders.folder(SPEC))) {
            assertThat(tokenizer.encode("hello")).isNotEmpty();
        }

        assertThat(System.getProperty("RUST_FLAVOR")).isEqualTo("cpu");
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
    }

    @Test
    void withoutAChatTemplateTheFoundryPromptTemplateOfInferenceModelJsonIsUsed() throws Exception {
        Path folder = TinyDecoders.copyWithConfig(SPEC, temp.resolve("no-template"), config -> { });
        Files.writeString(folder.resolve("tokenizer_config.json"), "{\"eos_token\": \"<|im_end|>\"}");
        String expected = "<|im_start|>user\nhello the world<|im_end|>\n<|im_start|>assistant\n";

        try (ModelHandle model = TinyDecoders.load(folder, GenerationLimits.defaults())) {
            assertThat(model.countTokens(new Prompt.Chat(List.of(ChatMessage.user("hello the world")))))
                    .isEqualTo(TinyDecoders.encode(SPEC, expected).length);
        }
    }

    @Test
    void aFolderWithoutItsDecoderFileIsAnEngineFailureNamingIt() throws Exception {
        Path folder = TinyDecoders.copyWithConfig(SPEC, temp.resolve("no-model"), config -> { });
        Files.delete(folder.resolve("model.onnx"));

        assertThatThrownBy(() -> TinyDecoders.load(folder, GenerationLimits.defaults()))
                .isInstanceOf(EngineFailureException.class)
                .hasMessageContaining("model.onnx");
    }

    @Test
    void aFolderWithoutATokenizerIsAnEngineFailureNamingIt() throws Exception {
        Path folder = TinyDecoders.copyWithConfig(SPEC, temp.resolve("no-tokenizer"), config -> { });
        Files.delete(folder.resolve("tokenizer.json"));

        assertThatThrownBy(() -> TinyDecoders.load(folder, GenerationLimits.defaults()))
                .isInstanceOf(EngineFailureException.class)
                .hasMessageContaining("tokenizer.json");
    }

    @Test
    void aConfigNamingInputsTheGraphLacksIsRefusedWithTheRealInputs() {
        Path folder = TinyDecoders.copyWithConfig(SPEC, temp.resolve("renamed"), config ->
                config.withObject("model").withObject("decoder").withObject("inputs").put("input_ids", "tokens"));

        assertThatThrownBy(() -> TinyDecoders.load(folder, GenerationLimits.defaults()))
                .isInstanceOf(EngineFailureException.class)
                .hasMessageContaining("'tokens'")
                .hasMessageContaining("input_ids");
    }

    @Test
    void aProviderThisBuildLacksIsRefusedNamingTheAvailableOnes() {
        ModelLoadSpec onCuda = new ModelLoadSpec(cached(TinyDecoders.folder(SPEC)),
                org.jfoundry.ports.model.ExecutionProvider.CUDA, java.util.Map.of("device_id", "0"), 0);

        assertThatThrownBy(() -> new GenAiFolderLoader(TestRuntime.get().environment(), 1).load(onCuda))
                .isInstanceOf(org.jfoundry.ports.failure.ProviderUnavailableException.class)
                .hasMessageContaining("CPUExecutionProvider");
    }

    @Test
    void theObserverHearsWhereEachGenerationSpentItsTime() {
        List<GenerationStats> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ModelHandle model = TinyDecoders.load(TinyDecoders.folder(SPEC),
                GenerationLimits.defaults().withObserver(seen::add))) {
            model.generate(new Prompt.Text("hello"), GenerationParameters.defaults().withTemperature(0.0)
                    .withMaxTokens(6), TokenSink.DISCARD, new CancellationSignal());
        }

        assertThat(seen).singleElement().satisfies(stats -> {
            assertThat(stats.completionTokens()).isEqualTo(6);
            assertThat(stats.decodeSteps()).isEqualTo(5);
            assertThat(stats.decodeRunNanos()).isPositive().isLessThanOrEqualTo(stats.decodeNanos());
            assertThat(stats.prefillRunNanos()).isPositive().isLessThanOrEqualTo(stats.prefillNanos());
            assertThat(stats.decodeLoopCpuNanos()).isPositive().isLessThan(stats.decodeNanos());
        });
    }
}
