package org.jfoundry.adapters.ort.embeddings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jfoundry.adapters.ort.OrtInferenceEngine;
import org.jfoundry.adapters.ort.testing.MiniLmFolder;
import org.jfoundry.adapters.ort.testing.TestRuntime;
import org.jfoundry.ports.failure.CancelledException;
import org.jfoundry.ports.failure.EngineFailureException;
import org.jfoundry.ports.failure.ProviderUnavailableException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.ChatMessage;
import org.jfoundry.ports.inference.EmbeddingResult;
import org.jfoundry.ports.inference.Prompt;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.out.InferenceEngine;
import org.jfoundry.ports.out.ModelHandle;
import org.jfoundry.ports.out.ModelLoadSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The embedding side of the ort engine on the real all-MiniLM-L6-v2 model. */
class EmbeddingEngineTest {
    static final List<String> TEXTS = List.of(
            "The quick brown fox jumps over the lazy dog.",
            "A sentence embedding maps text to a vector.",
            "short",
            "ONNX Runtime runs the model; java.lang.foreign calls it without JNI glue code.",
            "Ünïcödé and emoji 🚀 survive tokenisation.",
            "");

    static InferenceEngine engine;
    static ModelHandle model;

    @BeforeAll
    static void load() {
        engine = TestRuntime.get().inferenceEngine();
        model = engine.load(ModelLoadSpec.cpu(MiniLmFolder.cachedModel()));
    }

    @AfterAll
    static void unload() {
        model.close();
    }

    @Test
    void theEngineIsNamedOrtAndLoadsTheFolderAsAnEmbeddingModel() {
        assertThat(engine.name()).isEqualTo(OrtInferenceEngine.NAME).isEqualTo("ort");
        assertThat(engine.unavailableReason()).isEmpty();
        assertThat(model.id()).isEqualTo(MiniLmFolder.ID);
        assertThat(model.canEmbed()).isTrue();
        assertThat(model.canGenerate()).isFalse();
        assertThat(model.estimatedBytes()).isGreaterThan(80_000_000L);
    }

    @Test
    void vectorsMatchAnIndependentReferenceOnTheOfficialJavaApi() throws Exception {
        EmbeddingResult result = model.embed(TEXTS, new CancellationSignal());
        try (ReferenceEmbedder reference = new ReferenceEmbedder(TestRuntime.get().library().path(),
                MiniLmFolder.get(), 128)) {
            List<float[]> expected = reference.embed(TEXTS);
            assertThat(result.vectors()).hasSize(TEXTS.size());
            for (int i = 0; i < TEXTS.size(); i++) {
                assertThat(result.vectors().get(i)).hasSize(384);
                assertThat(ReferenceEmbedder.cosine(result.vectors().get(i), expected.get(i)))
                        .as("cosine for input %d: %s", i, TEXTS.get(i)).isGreaterThanOrEqualTo(0.9999);
            }
        }
    }

    @Test
    void vectorsAreUnitLengthAndSimilarTextsAreCloserThanUnrelatedOnes() {
        List<float[]> v = model.embed(List.of("A man is eating food.", "A man eats a meal.", "The stock market fell."),
                new CancellationSignal()).vectors();
        for (float[] vector : v) {
            double norm = 0;
            for (float x : vector) {
                norm += x * x;
            }
            assertThat(Math.sqrt(norm)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        }
        assertThat(ReferenceEmbedder.cosine(v.get(0), v.get(1))).isGreaterThan(ReferenceEmbedder.cosine(v.get(0), v.get(2)));
    }

    @Test
    void anInputsVectorDoesNotDependOnWhatItIsBatchedWith() {
        float[] alone = model.embed(List.of("short"), new CancellationSignal()).vectors().getFirst();
        float[] padded = model.embed(List.of("short", "a much longer sentence that forces padding of the short one"),
                new CancellationSignal()).vectors().getFirst();
        assertThat(ReferenceEmbedder.cosine(alone, padded)).isGreaterThan(0.99999);
    }

    @Test
    void moreInputsThanOneBatchComeBackInOrder() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < EmbeddingModel.BATCH_SIZE + 5; i++) {
            many.add("sentence number " + i);
        }
        EmbeddingResult result = model.embed(many, new CancellationSignal());
        assertThat(result.vectors()).hasSize(many.size());
        float[] last = model.embed(List.of(many.getLast()), new CancellationSignal()).vectors().getFirst();
        assertThat(ReferenceEmbedder.cosine(result.vectors().getLast(), last)).isGreaterThan(0.99999);
    }

    @Test
    void inputsLongerThanTheModelsLimitAreTruncatedAndReported() {
        String longText = String.join(" ", Collections.nCopies(400, "word"));
        EmbeddingResult result = model.embed(List.of("fits", longText, "also fits"), new CancellationSignal());
        assertThat(result.truncatedInputs()).containsExactly(1);
        assertThat(result.vectors()).hasSize(3);
        // [CLS] fits [SEP] + 128 kept tokens + [CLS] also fits [SEP]
        assertThat(result.promptTokens()).isEqualTo(3 + 128 + 4);
    }

    @Test
    void aHugeInputIsCutToWhatTheTokensCanCoverBeforeTokenizingAndEmbedsLikeItsStart() {
        String start = String.join(" ", Collections.nCopies(400, "word"));
        String huge = start + " " + "many more words ".repeat(200_000);
        EmbeddingResult result = model.embed(List.of(start, huge), new CancellationSignal());

        assertThat(result.truncatedInputs()).containsExactly(0, 1);
        assertThat(result.promptTokens()).isEqualTo(128 + 128);
        assertThat(ReferenceEmbedder.cosine(result.vectors().get(0), result.vectors().get(1))).isGreaterThan(0.99999);
    }

    @Test
    void tokensAreCountedForTextAndChatPrompts() {
        assertThat(model.countTokens(new Prompt.Text("hello world"))).isEqualTo(4);
        assertThat(model.countTokens(new Prompt.Chat(List.of(ChatMessage.user("hello"), ChatMessage.user("world")))))
                .isEqualTo(4);
    }

    @Test
    void aCancelledRequestFailsWithTheCancellationReason() {
        CancellationSignal cancel = new CancellationSignal();
        cancel.cancel("client went away");
        assertThatThrownBy(() -> model.embed(TEXTS, cancel)).isInstanceOf(CancelledException.class)
                .hasMessageContaining("client went away");
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void concurrentRequestsOnOneModelGetTheSameVectorsAsSerialOnes() throws Exception {
        float[] expected = model.embed(List.of(TEXTS.getFirst()), new CancellationSignal()).vectors().getFirst();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<float[]>> futures = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                futures.add(pool.submit(() -> model.embed(List.of(TEXTS.getFirst()), new CancellationSignal())
                        .vectors().getFirst()));
            }
            for (Future<float[]> future : futures) {
                assertThat(ReferenceEmbedder.cosine(future.get(120, TimeUnit.SECONDS), expected)).isGreaterThan(0.99999);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aClosedModelRefusesWorkAndClosingTwiceIsHarmless() {
        ModelHandle second = engine.load(ModelLoadSpec.cpu(MiniLmFolder.cachedModel()));
        second.close();
        second.close();
        assertThatThrownBy(() -> second.embed(List.of("x"), new CancellationSignal()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("embedding model").hasMessageContaining("already closed");
        assertThatThrownBy(() -> second.countTokens(new Prompt.Text("x"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void askingForCudaOnTheCpuBuildFailsListingTheAvailableProviders() {
        ModelLoadSpec cuda = new ModelLoadSpec(MiniLmFolder.cachedModel(), ExecutionProvider.CUDA, Map.of(), 0);
        assertThatThrownBy(() -> engine.load(cuda)).isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("CPUExecutionProvider");
    }

    @Test
    void aFolderOfUnknownKindFailsNamingWhatTheEngineLoads(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("model.onnx"), "not really");
        CachedModel unknown = new CachedModel(new ModelId("mystery", "1"), null, folder, 10, null, null);
        assertThatThrownBy(() -> engine.load(ModelLoadSpec.cpu(unknown)))
                .isInstanceOf(EngineFailureException.class)
                .hasMessageContaining("mystery:1").hasMessageContaining("inference_model.json");
    }

    @Test
    void anEmbeddingFolderWithoutATokenizerFailsNamingTheMissingFile(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("inference_model.json"), "{\"Name\": \"x\", \"Task\": \"embeddings\"}");
        Files.copy(MiniLmFolder.get().resolve("tokenizer.json"), folder.resolve("not-the-tokenizer.json"));
        CachedModel broken = new CachedModel(new ModelId("x", "1"), null, folder, 10, "embeddings", null);
        assertThatThrownBy(() -> engine.load(ModelLoadSpec.cpu(broken)))
                .isInstanceOf(EngineFailureException.class).hasMessageContaining("tokenizer.json");
    }

    @Test
    void aCorruptModelFileFailsWithOnnxRuntimesMessage(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("inference_model.json"), "{\"Name\": \"x\", \"Task\": \"embeddings\"}");
        Files.copy(MiniLmFolder.get().resolve("tokenizer.json"), folder.resolve("tokenizer.json"));
        Files.write(folder.resolve("model.onnx"), new byte[] {1, 2, 3});
        CachedModel broken = new CachedModel(new ModelId("x", "1"), null, folder, 10, "embeddings", null);
        assertThatThrownBy(() -> engine.load(ModelLoadSpec.cpu(broken)))
                .isInstanceOf(EngineFailureException.class).hasMessageContaining("model.onnx")
                .hasMessageContaining("CreateSession");
    }
}
