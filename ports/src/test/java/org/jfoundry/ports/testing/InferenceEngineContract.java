package org.jfoundry.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jfoundry.ports.failure.CancelledException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.ChatMessage;
import org.jfoundry.ports.inference.Completion;
import org.jfoundry.ports.inference.FinishReason;
import org.jfoundry.ports.inference.GenerationParameters;
import org.jfoundry.ports.inference.Prompt;
import org.jfoundry.ports.inference.TokenSink;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.out.InferenceEngine;
import org.jfoundry.ports.out.ModelHandle;
import org.jfoundry.ports.out.ModelLoadSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What every text-generation {@link InferenceEngine} owes the service, as one suite that runs unchanged against the
 * fake engine, the Java-loop engine over ONNX Runtime and the GenAI engine. A subclass names the engine and a text
 * model; the assertions only rely on the port's promises and on greedy decoding being deterministic.
 *
 * <p>The model must generate at least {@link #MIN_GREEDY_TOKENS} tokens of non-empty text for {@link #prompt()} before
 * it ends on its own (fake scripts, generated decoders and real models all do with a sensible prompt).
 */
public abstract class InferenceEngineContract {

    /** Tokens the model is expected to produce greedily before ending by itself. */
    protected static final int MIN_GREEDY_TOKENS = 4;

    private static final Duration GENEROUS = Duration.ofSeconds(60);

    private final List<ModelHandle> opened = new ArrayList<>();
    private ModelHandle handle;

    /** The engine under test; asked once per test. */
    protected abstract InferenceEngine engine();

    /** A text-generation model folder this engine can load. */
    protected abstract CachedModel textModel();

    /** The conversation most tests continue. */
    protected Prompt prompt() {
        return new Prompt.Chat(List.of(ChatMessage.system("You are a helpful assistant."),
                ChatMessage.user("Tell me about the sea, please.")));
    }

    protected static GenerationParameters greedy(int maxTokens) {
        return GenerationParameters.defaults().withTemperature(0.0).withMaxTokens(maxTokens);
    }

    @BeforeEach
    void loadTheModel() {
        handle = load();
    }

    @AfterEach
    void closeWhatWasOpened() {
        opened.forEach(ModelHandle::close);
    }

    private ModelHandle load() {
        ModelHandle loaded = engine().load(ModelLoadSpec.cpu(textModel()));
        opened.add(loaded);
        return loaded;
    }

    private Completion generate(Prompt prompt, GenerationParameters parameters, List<String> chunks) {
        return handle.generate(prompt, parameters, chunks::add, new CancellationSignal());
    }

    @Test
    @DisplayName("streamed chunks are never empty and concatenate to the completion's text")
    void streamedChunksConcatenateToTheText() {
        List<String> chunks = new ArrayList<>();
        Completion completion = generate(prompt(), greedy(MIN_GREEDY_TOKENS * 3), chunks);

        assertThat(chunks).isNotEmpty().doesNotContain("");
        assertThat(String.join("", chunks)).isEqualTo(completion.text());
        assertThat(completion.model()).isEqualTo(textModel().id());
    }

    @Test
    @DisplayName("max_tokens ends generation with finish reason LENGTH after exactly that many tokens")
    void maxTokensEndsWithLength() {
        Completion completion = generate(prompt(), greedy(2), new ArrayList<>());

        assertThat(completion.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(completion.usage().completionTokens()).isEqualTo(2);
    }

    @Test
    @DisplayName("a stop string ends generation with STOP and never reaches the stream or the text")
    void aStopStringNeverLeaks() {
        String reference = generate(prompt(), greedy(MIN_GREEDY_TOKENS * 3), new ArrayList<>()).text();
        assertThat(reference.length()).as("greedy text to pick a stop string from").isGreaterThanOrEqualTo(4);
        int from = Math.max(1, reference.length() / 2 - 1);
        String stop = reference.substring(from, Math.min(reference.length(), from + 3));
        String expected = reference.substring(0, reference.indexOf(stop));

        List<String> chunks = new ArrayList<>();
        Completion stopped = generate(prompt(), greedy(MIN_GREEDY_TOKENS * 3).withStop(List.of(stop)), chunks);

        assertThat(stopped.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(stopped.text()).isEqualTo(expected).doesNotContain(stop);
        assertThat(String.join("", chunks)).isEqualTo(expected);
    }

    @Test
    @DisplayName("cancelling from the stream throws CancelledException before more text is produced")
    void cancellingFromTheSinkThrowsPromptly() {
        CancellationSignal cancel = new CancellationSignal();
        AtomicInteger chunksAfterCancel = new AtomicInteger();
        TokenSink cancellingSink = chunk -> {
            if (cancel.isCancelled()) {
                chunksAfterCancel.incrementAndGet();
            }
            cancel.cancel("client went away");
        };
        assertTimeoutPreemptively(GENEROUS, () -> assertThatThrownBy(
                () -> handle.generate(prompt(), greedy(64), cancellingSink, cancel))
                .isInstanceOf(CancelledException.class));

        assertThat(chunksAfterCancel).hasValueLessThanOrEqualTo(1);
    }

    @Test
    @DisplayName("an already cancelled request throws CancelledException and streams nothing")
    void anAlreadyCancelledRequestStreamsNothing() {
        CancellationSignal cancel = new CancellationSignal();
        cancel.cancel("gone before it started");
        List<String> chunks = new ArrayList<>();

        assertThatThrownBy(() -> handle.generate(prompt(), greedy(8), chunks::add, cancel))
                .isInstanceOf(CancelledException.class);
        assertThat(chunks).isEmpty();
    }

    @Test
    @DisplayName("cancelling from another thread stops a generation in flight")
    void cancellingFromAnotherThreadStopsAGenerationInFlight() throws Exception {
        CancellationSignal cancel = new CancellationSignal();
        CountDownLatch firstChunk = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            Future<Completion> running = worker.submit(() -> handle.generate(prompt(), greedy(64), chunk -> {
                firstChunk.countDown();
                awaitQuietly(cancelled);
            }, cancel));
            assertThat(firstChunk.await(GENEROUS.toSeconds(), TimeUnit.SECONDS)).as("first chunk").isTrue();
            cancel.cancel("stopped by the test");
            cancelled.countDown();

            assertThatThrownBy(() -> running.get(GENEROUS.toSeconds(), TimeUnit.SECONDS))
                    .hasCauseInstanceOf(CancelledException.class);
        } finally {
            worker.shutdownNow();
        }
    }

    @Test
    @DisplayName("usage counts the prompt as countTokens does and each generated token")
    void usageCountsPromptAndCompletionTokens() {
        List<String> chunks = new ArrayList<>();
        Completion completion = generate(prompt(), greedy(MIN_GREEDY_TOKENS), chunks);

        assertThat(completion.usage().promptTokens()).isPositive().isEqualTo(handle.countTokens(prompt()));
        assertThat(completion.usage().completionTokens()).isBetween(1, MIN_GREEDY_TOKENS);
        assertThat(completion.usage().totalTokens())
                .isEqualTo(completion.usage().promptTokens() + completion.usage().completionTokens());
        // Engines report their decode speed alone: the time to first token is measured once, by the core.
        assertThat(completion.timings().timeToFirstToken()).isZero();
        assertThat(completion.timings().total()).isZero();
    }

    @Test
    @DisplayName("a raw text prompt is continued and counted as countTokens counts it")
    void aTextPromptIsCountedConsistently() {
        Prompt text = new Prompt.Text("Once upon a time, by the sea,");
        Completion completion = generate(text, greedy(MIN_GREEDY_TOKENS), new ArrayList<>());

        assertThat(completion.usage().promptTokens()).isEqualTo(handle.countTokens(text));
        assertThat(handle.countTokens(text)).isEqualTo(handle.countTokens(text));
        assertThat(handle.countTokens(new Prompt.Text("Once upon a time, by the sea, a lighthouse stood tall")))
                .isGreaterThan(handle.countTokens(text));
    }

    @Test
    @DisplayName("closing twice is harmless")
    void closingTwiceIsHarmless() {
        handle.close();
        handle.close();
    }

    @Test
    @DisplayName("using a closed model fails with IllegalStateException")
    void useAfterCloseFailsWithIllegalState() {
        handle.close();

        assertThatThrownBy(() -> handle.countTokens(prompt())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> generate(prompt(), greedy(4), new ArrayList<>()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("concurrent greedy generations on one model each get the same text as a lone one")
    void concurrentGenerationsAreSafe() throws Exception {
        Completion alone = generate(prompt(), greedy(MIN_GREEDY_TOKENS * 2), new ArrayList<>());
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    List<String> chunks = new CopyOnWriteArrayList<>();
                    Completion completion = generate(prompt(), greedy(MIN_GREEDY_TOKENS * 2), chunks);
                    assertThat(String.join("", chunks)).isEqualTo(completion.text());
                    return completion.text();
                }));
            }
            start.countDown();
            for (Future<String> result : results) {
                assertThat(result.get(GENEROUS.toSeconds(), TimeUnit.SECONDS)).isEqualTo(alone.text());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("two loads of one model are independent: closing one leaves the other working")
    void twoLoadsAreIndependent() {
        ModelHandle second = load();
        String before = generate(prompt(), greedy(MIN_GREEDY_TOKENS), new ArrayList<>()).text();
        handle.close();

        Completion fromSecond = second.generate(prompt(), greedy(MIN_GREEDY_TOKENS), chunk -> { },
                new CancellationSignal());
        assertThat(fromSecond.text()).isEqualTo(before);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(GENEROUS.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
