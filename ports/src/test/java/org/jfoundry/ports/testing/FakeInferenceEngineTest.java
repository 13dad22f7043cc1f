package org.jfoundry.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jfoundry.ports.failure.CancelledException;
import org.jfoundry.ports.failure.EngineFailureException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.ChatMessage;
import org.jfoundry.ports.inference.Completion;
import org.jfoundry.ports.inference.FinishReason;
import org.jfoundry.ports.inference.GenerationParameters;
import org.jfoundry.ports.inference.Prompt;
import org.jfoundry.ports.inference.TokenSink;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.out.ModelHandle;
import org.jfoundry.ports.out.ModelLoadSpec;
import org.junit.jupiter.api.Test;

class FakeInferenceEngineTest {

    private final FakeModelStore store = new FakeModelStore();
    private final CachedModel chat = store.add("chat-generic-cpu:1", 100);
    private final CachedModel embedder = store.add("embed-generic-cpu:1", null, "embeddings", 50);
    private final FakeInferenceEngine engine = new FakeInferenceEngine();
    private final Prompt prompt = new Prompt.Chat(List.of(ChatMessage.user("say hello")));

    @Test
    void streamsTheScriptedChunksAndCountsUsage() {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (ModelHandle handle = engine.load(ModelLoadSpec.cpu(chat))) {
            Completion done = handle.generate(prompt, GenerationParameters.defaults(), seen::add, new CancellationSignal());
            assertThat(seen).containsExactlyElementsOf(FakeInferenceEngine.DEFAULT_CHUNKS);
            assertThat(done.text()).isEqualTo("Hello from the fake engine.");
            assertThat(done.finishReason()).isEqualTo(FinishReason.STOP);
            // "user: say hello\nassistant:" is four words
            assertThat(done.usage().promptTokens()).isEqualTo(4);
            assertThat(done.usage().completionTokens()).isEqualTo(6);
            assertThat(handle.countTokens(prompt)).isEqualTo(4);
        }
    }

    @Test
    void maxTokensEndsWithLength() {
        try (ModelHandle handle = engine.load(ModelLoadSpec.cpu(chat))) {
            Completion done = handle.generate(prompt, GenerationParameters.defaults().withMaxTokens(2), TokenSink.DISCARD,
                    new CancellationSignal());
            assertThat(done.text()).isEqualTo("Hello from");
            assertThat(done.finishReason()).isEqualTo(FinishReason.LENGTH);
            assertThat(done.usage().completionTokens()).isEqualTo(2);
        }
    }

    @Test
    void aStopStringSplitAcrossChunksIsNeverEmitted() {
        engine.scriptedChunks(List.of("Hello", " wo", "rld", " and more"));
        List<String> seen = new CopyOnWriteArrayList<>();
        try (ModelHandle handle = engine.load(ModelLoadSpec.cpu(chat))) {
            Completion done = handle.generate(prompt, GenerationParameters.defaults().withStop(List.of("world")), seen::add,
                    new CancellationSignal());
            assertThat(String.join("", seen)).isEqualTo("Hello ");
            assertThat(done.text()).isEqualTo("Hello ");
            assertThat(done.finishReason()).isEqualTo(FinishReason.STOP);
        }
    }

    @Test
    void heldBackTextThatDoesNotBecomeAStopIsStillEmitted() {
        engine.scriptedChunks(List.of("a wo", "man"));
        try (ModelHandle handle = engine.load(ModelLoadSpec.cpu(chat))) {
            Completion done = handle.generate(prompt, GenerationParameters.defaults().withStop(List.of("world")),
                    TokenSink.DISCARD, new CancellationSignal());
            assertThat(done.text()).isEqualTo("a woman");
        }
    }

    @Test
    void aHeldGenerationEndsWithCancelledWhenCancelled() throws Exception {
        engine.holdGenerationsAfter(1);
        CancellationSignal cancel = new CancellationSignal();
        try (ModelHandle handle = engine.load(ModelLoadSpec.cpu(chat))) {
            CompletableFuture<Completion> running = CompletableFuture.supplyAsync(
                    () -> handle.generate(prompt, GenerationParameters.defaults(), TokenSink.DISCARD, cancel));
            assertThat(engine.awaitGenerationsHeld(1, Duration.ofSeconds(30))).isTrue();
            cancel.cancel("stop now");
            assertThatThrownBy(() -> running.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(CancelledException.class)
                    .hasMessageContaining("stop now");
        }
    }

    @Test
    void embeddingsAreDeterministicUnitVectors() {
        engine.embeddingDimension(5);
        try (ModelHandle handle = engine.load(ModelLoadSpec.cpu(embedder))) {
            float[] first = handle.embed(List.of("same text"), new CancellationSignal()).vectors().getFirst();
            float[] again = handle.embed(List.of("same text"), new CancellationSignal()).vectors().getFirst();
            float[] other = handle.embed(List.of("other text"), new CancellationSignal()).vectors().getFirst();
            assertThat(first).hasSize(5).containsExactly(again);
            assertThat(first).isNotEqualTo(other);
            double norm = 0;
            for (float v : first) {
                norm += v * v;
            }
            assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void countsLoadsAndUnloadsAndCloseIsIdempotent() {
        ModelHandle handle = engine.load(ModelLoadSpec.cpu(chat));
        handle.close();
        handle.close();
        assertThat(engine.loadCount(chat.id())).isEqualTo(1);
        assertThat(engine.unloadCount(chat.id())).isEqualTo(1);
        assertThatThrownBy(() -> handle.countTokens(prompt)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void failingLoadsThrowEngineFailureWithTheReason() {
        engine.failLoads("broken weights");
        assertThatThrownBy(() -> engine.load(ModelLoadSpec.cpu(chat))).isInstanceOf(EngineFailureException.class)
                .hasMessageContaining("broken weights");
    }
}
