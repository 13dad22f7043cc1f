package org.jfoundry.adapters.ort.generate;

import org.jfoundry.adapters.ort.testmodels.DecoderSpec;
import org.jfoundry.ports.failure.CancelledException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.Completion;
import org.jfoundry.ports.inference.GenerationParameters;
import org.jfoundry.ports.inference.Prompt;
import org.jfoundry.ports.inference.TokenSink;
import org.jfoundry.ports.out.ModelHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Greedy requests decoded together give each the text they give alone (the same model folder loaded with batching
 * off): mixed prompt lengths, prompts longer than one prefill chunk, requests that join while others stream, more
 * requests than slots, stop strings, and a cancelled neighbour.
 */
class BatchedGenerationTest {

    enum Variant {
        FLOAT32(DecoderSpec.tinyGqa(21)),
        INT4(new DecoderSpec("qwen2", DecoderSpec.Attention.GROUP_QUERY_SHARED_BUFFER, false, true,
                512, 64, 2, 4, 2, 16, 128, 256, 0, 10_000, 22));

        final DecoderSpec spec;

        Variant(DecoderSpec spec) {
            this.spec = spec;
        }
    }

    private static final List<String> PROMPTS = List.of(
            "Hello",
            "The quick brown fox jumps over the lazy dog",
            "a",
            "Once upon a time, in a land far away, there lived a very curious cat. ".repeat(2),
            // longer than one prefill chunk of 128 tokens
            "Numbers: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25. "
                    .repeat(2),
            "What is the capital of France?");

    private static final Map<Variant, ModelHandle> BATCHED = new EnumMap<>(Variant.class);
    /** Batching without prefix reuse: every prompt runs from its first token. */
    private static final Map<Variant, ModelHandle> COLD = new EnumMap<>(Variant.class);
    private static final Map<Variant, ModelHandle> ALONE = new EnumMap<>(Variant.class);
    private static final Map<Variant, ModelHandle> TWO_SLOTS = new EnumMap<>(Variant.class);
    private static final ExecutorService THREADS = Executors.newCachedThreadPool();

    @BeforeAll
    static void load() {
        for (Variant variant : Variant.values()) {
            var folder = TinyDecoders.folder(variant.spec);
            BATCHED.put(variant, TinyDecoders.load(folder, GenerationLimits.defaults()));
            COLD.put(variant, TinyDecoders.load(folder, GenerationLimits.defaults().withPrefixReuse(false)));
            ALONE.put(variant, TinyDecoders.load(folder, GenerationLimits.defaults().withBatch(0, 1)));
            TWO_SLOTS.put(variant, TinyDecoders.load(folder,
                    GenerationLimits.defaults().withBatch(2, GenerationLimits.DEFAULT_KV_CACHE_BYTES_PER_MODEL)));
        }
    }

    @AfterAll
    static void unload() {
        BATCHED.values().forEach(ModelHandle::close);
        COLD.values().forEach(ModelHandle::close);
        ALONE.values().forEach(ModelHandle::close);
        TWO_SLOTS.values().forEach(ModelHandle::close);
        THREADS.shutdownNow();
    }

    private static GenerationParameters greedy(int maxTokens) {
        return GenerationParameters.defaults().withTemperature(0.0).withMaxTokens(maxTokens);
    }

    private static Completion alone(Variant variant, String prompt, GenerationParameters parameters) {
        return ALONE.get(variant).generate(new Prompt.Text(prompt), parameters, TokenSink.DISCARD,
                new CancellationSignal());
    }

    private static Future<Completion> submit(ModelHandle model, String prompt, GenerationParameters parameters,
                                             TokenSink sink, CancellationSignal cancel, CountDownLatch start) {
        return THREADS.submit(() -> {
            start.await();
            return model.generate(new Prompt.Text(prompt), parameters, sink, cancel);
        });
    }

    private static void assertSameAsAlone(Variant variant, List<Future<Completion>> futures,
                                          List<GenerationParameters> parameters) throws Exception {
        for (int i = 0; i < futures.size(); i++) {
            Completion batched = futures.get(i).get(60, TimeUnit.SECONDS);
            Completion expected = alone(variant, PROMPTS.get(i), parameters.get(i));
            assertThat(batched.text()).as("request %d", i).isEqualTo(expected.text());
            assertThat(batched.finishReason()).as("request %d", i).isEqualTo(expected.finishReason());
            assertThat(batched.usage()).as("request %d", i).isEqualTo(expected.usage());
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void requestsDecodedTogetherGiveTheTokensTheyGiveAlone(Variant variant) throws Exception {
        List<GenerationParameters> parameters = new ArrayList<>();
        List<Future<Completion>> futures = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (int i = 0; i < PROMPTS.size(); i++) {
            parameters.add(greedy(20 + 7 * i));
            futures.add(submit(COLD.get(variant), PROMPTS.get(i), parameters.get(i), TokenSink.DISCARD,
                    new CancellationSignal(), start));
        }
        BatchScheduler.Counts before = counts(COLD.get(variant));
        start.countDown();

        assertSameAsAlone(variant, futures, parameters);
        BatchScheduler.Counts after = counts(COLD.get(variant));
        assertThat(after.widestStep()).as("sequences decoded in one step").isGreaterThan(1);
        assertThat(after.decodeSteps() - before.decodeSteps()).as("steps for all requests together")
                .isLessThan(after.decodedRows() - before.decodedRows());
        long longest = TinyDecoders.encode(variant.spec, PROMPTS.get(4)).length;
        assertThat(longest).as("a prompt longer than a chunk").isGreaterThan(BatchScheduler.PREFILL_CHUNK);
        assertThat(after.prefillChunks() - before.prefillChunks()).as("prompt chunks")
                .isGreaterThan(PROMPTS.size());
    }

    private static BatchScheduler.Counts counts(ModelHandle model) {
        return ((OrtGenerativeModel) model).batchCounts();
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void requestsThatJoinWhileOthersStreamGiveTheTokensTheyGiveAlone(Variant variant) throws Exception {
        List<GenerationParameters> parameters = new ArrayList<>();
        List<Future<Completion>> futures = new ArrayList<>();
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch streaming = new CountDownLatch(1);
        AtomicInteger chunks = new AtomicInteger();
        TokenSink firstSink = text -> {
            if (chunks.incrementAndGet() == 5) {
                streaming.countDown();
            }
        };
        parameters.add(greedy(80));
        futures.add(submit(BATCHED.get(variant), PROMPTS.getFirst(), parameters.getFirst(), firstSink,
                new CancellationSignal(), first));
        first.countDown();
        for (int i = 1; i < PROMPTS.size(); i++) {
            parameters.add(greedy(15 + 3 * i));
            futures.add(submit(BATCHED.get(variant), PROMPTS.get(i), parameters.get(i), TokenSink.DISCARD,
                    new CancellationSignal(), streaming));
        }

        assertSameAsAlone(variant, futures, parameters);
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void moreRequestsThanSlotsWaitTheirTurnAndGiveTheTokensTheyGiveAlone(Variant variant) throws Exception {
        ModelHandle model = TWO_SLOTS.get(variant);
        assertThat(model.maxConcurrentRequests()).isEqualTo(2);
        List<GenerationParameters> parameters = new ArrayList<>();
        List<Future<Completion>> futures = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (int i = 0; i < PROMPTS.size(); i++) {
            parameters.add(greedy(12 + 5 * i));
            futures.add(submit(model, PROMPTS.get(i), parameters.get(i), TokenSink.DISCARD,
                    new CancellationSignal(), start));
        }
        start.countDown();

        assertSameAsAlone(variant, futures, parameters);
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void stopStringsEndEachRequestWhereTheyEndItAlone(Variant variant) throws Exception {
        List<GenerationParameters> parameters = new ArrayList<>();
        List<Future<Completion>> futures = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (int i = 0; i < PROMPTS.size(); i++) {
            String free = alone(variant, PROMPTS.get(i), greedy(40)).text();
            // a stop string from the middle of what the request writes alone, so it stops early
            String stop = free.substring(free.length() / 2, free.length() / 2 + 2);
            parameters.add(greedy(40).withStop(List.of(stop)));
            futures.add(submit(BATCHED.get(variant), PROMPTS.get(i), parameters.get(i), TokenSink.DISCARD,
                    new CancellationSignal(), start));
        }
        start.countDown();

        assertSameAsAlone(variant, futures, parameters);
        for (Future<Completion> future : futures) {
            assertThat(future.get().usage().completionTokens()).isLessThan(40);
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void aCancelledRequestEndsCancelledAndTheOthersGiveTheTokensTheyGiveAlone(Variant variant) throws Exception {
        List<GenerationParameters> parameters = new ArrayList<>();
        List<Future<Completion>> futures = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        CancellationSignal cancel = new CancellationSignal();
        AtomicInteger chunks = new AtomicInteger();
        TokenSink cancelsItself = text -> {
            if (chunks.incrementAndGet() == 4) {
                cancel.cancel("the client went away");
            }
        };
        for (int i = 0; i < PROMPTS.size(); i++) {
            parameters.add(greedy(30 + 4 * i));
            boolean cancelled = i == 2;
            futures.add(submit(BATCHED.get(variant), PROMPTS.get(i), parameters.get(i),
                    cancelled ? cancelsItself : TokenSink.DISCARD, cancelled ? cancel : new CancellationSignal(),
                    start));
        }
        start.countDown();

        assertThatThrownBy(() -> futures.get(2).get(60, TimeUnit.SECONDS))
                .hasCauseInstanceOf(CancelledException.class).hasMessageContaining("the client went away");
        futures.set(2, THREADS.submit(() -> alone(variant, PROMPTS.get(2), parameters.get(2))));
        assertSameAsAlone(variant, futures, parameters);
        // the cancelled one's slot is free again: a new request still matches
        Completion after = BATCHED.get(variant).generate(new Prompt.Text(PROMPTS.get(3)), greedy(25),
                TokenSink.DISCARD, new CancellationSignal());
        assertThat(after.text()).isEqualTo(alone(variant, PROMPTS.get(3), greedy(25)).text());
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void aChatsNextTurnReusesTheKeptCacheAndGivesTheTokensOfAColdRun(Variant variant) throws Exception {
        ModelHandle model = BATCHED.get(variant);
        String history = "Turn one of a conversation about cats and dogs and birds and many other animals. ";
        String answer = model.generate(new Prompt.Text(history), greedy(30), TokenSink.DISCARD,
                new CancellationSignal()).text();
        String nextTurn = history + answer + " Tell me more about the birds, please.";
        long historyTokens = TinyDecoders.encode(variant.spec, history).length;
        BatchScheduler.Counts before = counts(model);

        Completion reused = model.generate(new Prompt.Text(nextTurn), greedy(25), TokenSink.DISCARD,
                new CancellationSignal());

        long reusedTokens = counts(model).reusedTokens() - before.reusedTokens();
        assertThat(reusedTokens).as("tokens taken from the first turn's cache: its prompt, not its decoded answer")
                .isBetween((long) Math.max(BatchScheduler.MIN_REUSE, historyTokens - 1), historyTokens);
        assertThat(reused.text()).isEqualTo(alone(variant, nextTurn, greedy(25)).text());
        // while other requests run and take slots of their own
        List<Future<Completion>> futures = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (String prompt : PROMPTS) {
            futures.add(submit(model, prompt, greedy(10), TokenSink.DISCARD, new CancellationSignal(), start));
        }
        futures.add(submit(model, nextTurn + " And fish?", greedy(20), TokenSink.DISCARD, new CancellationSignal(),
                start));
        start.countDown();
        assertThat(futures.getLast().get(60, TimeUnit.SECONDS).text())
                .isEqualTo(alone(variant, nextTurn + " And fish?", greedy(20)).text());
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void withoutPrefixReuseNothingIsReused(Variant variant) {
        try (ModelHandle model = TinyDecoders.load(TinyDecoders.folder(variant.spec),
                GenerationLimits.defaults().withPrefixReuse(false))) {
            String history = "Turn one of a conversation about cats and dogs and birds and many other animals. ";
            String answer = model.generate(new Prompt.Text(history), greedy(30), TokenSink.DISCARD,
                    new CancellationSignal()).text();
            Completion next = model.generate(new Prompt.Text(history + answer + " More?"), greedy(20),
                    TokenSink.DISCARD, new CancellationSignal());

            assertThat(counts(model).reusedTokens()).isZero();
            assertThat(next.text()).isEqualTo(alone(variant, history + answer + " More?", greedy(20)).text());
        }
    }
}
