package org.jfoundry.adapters.ort.generate;

import org.jfoundry.adapters.ort.testmodels.DecoderSpec;
import org.jfoundry.ports.failure.CancelledException;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.ChatMessage;
import org.jfoundry.ports.inference.Completion;
import org.jfoundry.ports.inference.FinishReason;
import org.jfoundry.ports.inference.GenerationParameters;
import org.jfoundry.ports.inference.Prompt;
import org.jfoundry.ports.inference.TokenSink;
import org.jfoundry.ports.out.ModelHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GenerationTest {

    enum Variant {
        GROUP_QUERY_SHARED_BUFFER(DecoderSpec.tinyGqa(3)),
        STANDARD_GROWING_CACHE(DecoderSpec.tinyStandard(3)),
        /** Float16 weights and KV cache, as CUDA's GroupQueryAttention needs them. */
        FLOAT16_SHARED_BUFFER(DecoderSpec.tinyGqaFloat16(3));

        final DecoderSpec spec;

        Variant(DecoderSpec spec) {
            this.spec = spec;
        }
    }

    private static final String PROMPT = "hello the world of java";
    private static final Map<Variant, ModelHandle> MODELS = new java.util.EnumMap<>(Variant.class);

    @TempDir
    Path temp;

    @BeforeAll
    static void loadEveryVariant() {
        for (Variant variant : Variant.values()) {
            MODELS.put(variant, TinyDecoders.load(variant.spec));
        }
    }

    @AfterAll
    static void unload() {
        MODELS.values().forEach(ModelHandle::close);
    }

    private static GenerationParameters greedy(int maxTokens) {
        return GenerationParameters.defaults().withTemperature(0.0).withMaxTokens(maxTokens);
    }

    private static Completion generate(Variant variant, String prompt, GenerationParameters parameters) {
        return MODELS.get(variant).generate(new Prompt.Text(prompt), parameters, TokenSink.DISCARD,
                new CancellationSignal());
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void greedyOutputWithTheCacheEqualsRecomputingTheWholeSequenceEveryStep(Variant variant) {
        long[] prompt = TinyDecoders.encode(variant.spec, PROMPT);
        long[] expected = TinyDecoders.referenceGreedy(variant.spec, prompt, 40);

        Completion completion = generate(variant, PROMPT, greedy(40));

        assertThat(completion.usage().promptTokens()).isEqualTo(prompt.length);
        assertThat(completion.usage().completionTokens()).isEqualTo(40);
        assertThat(completion.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(completion.text()).isEqualTo(TinyDecoders.decode(variant.spec, expected));
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void streamedChunksAreWholeCharactersThatAddUpToTheText(Variant variant) {
        List<String> chunks = new CopyOnWriteArrayList<>();
        Completion completion = MODELS.get(variant).generate(new Prompt.Text(PROMPT), greedy(40), chunks::add,
                new CancellationSignal());

        assertThat(String.join("", chunks)).isEqualTo(completion.text());
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk).isNotEmpty();
            assertThat(Character.isLowSurrogate(chunk.charAt(0))).isFalse();
            assertThat(Character.isHighSurrogate(chunk.charAt(chunk.length() - 1))).isFalse();
        });
        assertThat(completion.timings().tokensPerSecond()).isPositive();
        assertThat(completion.timings().timeToFirstToken()).as("the core's to measure").isZero();
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void seededSamplingRepeatsExactlyAndAnotherSeedDiffers(Variant variant) {
        GenerationParameters sampling = new GenerationParameters(30, 1.2, 0.95, 40, 1.1, 0.2, 0.1, 7L, List.of(),
                null);

        Completion first = generate(variant, PROMPT, sampling);
        Completion again = generate(variant, PROMPT, sampling);
        Completion otherSeed = generate(variant, PROMPT, sampling.withSeed(8L));
        Completion greedy = generate(variant, PROMPT, greedy(30));

        assertThat(again.text()).isEqualTo(first.text());
        assertThat(otherSeed.text()).isNotEqualTo(first.text());
        assertThat(first.text()).isNotEqualTo(greedy.text());
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void maxTokensEndsWithLength(Variant variant) {
        Completion completion = generate(variant, PROMPT, greedy(7));

        assertThat(completion.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(completion.usage().completionTokens()).isEqualTo(7);
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void anyEosIdOfTheConfigEndsWithStopAndIsNotEmitted(Variant variant) {
        long[] prompt = TinyDecoders.encode(variant.spec, PROMPT);
        long[] expected = TinyDecoders.referenceGreedy(variant.spec, prompt, 12);
        long eos = expected[6];
        int firstAt = (int) Arrays.stream(expected).takeWhile(token -> token != eos).count();
        Path folder = TinyDecoders.copyWithConfig(variant.spec, temp.resolve("eos"), config ->
                config.withObject("model").putArray("eos_token_id").add(variant.spec.imEndId()).add(eos));

        try (ModelHandle model = TinyDecoders.load(folder, GenerationLimits.defaults())) {
            Completion completion = model.generate(new Prompt.Text(PROMPT), greedy(12), TokenSink.DISCARD,
                    new CancellationSignal());

            assertThat(completion.finishReason()).isEqualTo(FinishReason.STOP);
            assertThat(completion.usage().completionTokens()).isEqualTo(firstAt);
            assertThat(completion.text()).isEqualTo(
                    TinyDecoders.decode(variant.spec, Arrays.copyOf(expected, firstAt)));
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void aFullContextEndsWithLength(Variant variant) {
        int promptLength = TinyDecoders.encode(variant.spec, PROMPT).length;
        Path folder = TinyDecoders.copyWithConfig(variant.spec, temp.resolve("short"), config ->
                config.withObject("model").put("context_length", promptLength + 6));

        try (ModelHandle model = TinyDecoders.load(folder, GenerationLimits.defaults())) {
            Completion completion = model.generate(new Prompt.Text(PROMPT),
                    GenerationParameters.defaults().withTemperature(0.0), TokenSink.DISCARD, new CancellationSignal());

            assertThat(completion.finishReason()).isEqualTo(FinishReason.LENGTH);
            assertThat(completion.usage().completionTokens()).isEqualTo(6);
        }
    }

    @Test
    void aKvCacheMemoryLimitCapsTheLengthLikeAShortContext() {
        DecoderSpec spec = Variant.GROUP_QUERY_SHARED_BUFFER.spec;
        int promptLength = TinyDecoders.encode(spec, PROMPT).length;
        long bytesPerToken = 2L * spec.layers() * spec.kvHeads() * spec.headSize() * Float.BYTES;
        GenerationLimits limits = GenerationLimits.defaults().withKvCacheBytesPerRequest(bytesPerToken * (promptLength + 3));

        try (ModelHandle model = TinyDecoders.load(TinyDecoders.folder(spec), limits)) {
            Completion completion = model.generate(new Prompt.Text(PROMPT), greedy(50), TokenSink.DISCARD,
                    new CancellationSignal());

            assertThat(completion.finishReason()).isEqualTo(FinishReason.LENGTH);
            assertThat(completion.usage().completionTokens()).isEqualTo(3);
        }
    }

    @Test
    void aPromptLongerThanTheContextIsRefusedNamingTheLimit() {
        String longPrompt = "word ".repeat(400);

        assertThatThrownBy(() -> generate(Variant.STANDARD_GROWING_CACHE, longPrompt, greedy(5)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("at most 256 tokens")
                .extracting(e -> ((InvalidRequestException) e).param()).isEqualTo("prompt");
    }

    @Test
    void aPromptTooLongForTheContextByItsBytesIsRefusedBeforeTokenizing() {
        // 256 tokens of context cover at most 256 x 64 bytes; the count names bytes, which only the bound knows.
        String huge = "word ".repeat(256 * 64 / 5 + 1);
        ModelHandle model = MODELS.get(Variant.STANDARD_GROWING_CACHE);

        assertThatThrownBy(() -> generate(Variant.STANDARD_GROWING_CACHE, huge, greedy(5)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("the prompt is " + huge.length() + " bytes")
                .extracting(e -> ((InvalidRequestException) e).param()).isEqualTo("prompt");
        assertThatThrownBy(() -> model.countTokens(new Prompt.Text(huge))).isInstanceOf(InvalidRequestException.class);
        assertThat(generate(Variant.STANDARD_GROWING_CACHE, PROMPT, greedy(2)).text()).isNotNull();
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void aStopStringSplitAcrossTokensNeverLeaks(Variant variant) {
        long[] prompt = TinyDecoders.encode(variant.spec, PROMPT);
        long[] tokens = TinyDecoders.referenceGreedy(variant.spec, prompt, 40);
        String stop = stopAcrossATokenBoundary(variant.spec, tokens);
        String full = TinyDecoders.decode(variant.spec, tokens);
        List<String> chunks = new CopyOnWriteArrayList<>();

        Completion completion = MODELS.get(variant).generate(new Prompt.Text(PROMPT),
                greedy(40).withStop(List.of("never appears \u0000", stop)), chunks::add, new CancellationSignal());

        assertThat(completion.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(completion.text()).isEqualTo(full.substring(0, full.indexOf(stop)));
        assertThat(String.join("", chunks)).isEqualTo(completion.text()).doesNotContain(stop);
    }

    /** Two characters each side of a boundary between tokens that decode to plain text, not seen earlier. */
    private static String stopAcrossATokenBoundary(DecoderSpec spec, long[] tokens) {
        for (int split = 3; split < tokens.length - 3; split++) {
            String before = TinyDecoders.decode(spec, Arrays.copyOf(tokens, split));
            String after = TinyDecoders.decode(spec, Arrays.copyOfRange(tokens, split, tokens.length));
            String full = before + after;
            if (before.length() < 2 || after.length() < 2 || !full.equals(TinyDecoders.decode(spec, tokens))) {
                continue;
            }
            String stop = before.substring(before.length() - 2) + after.substring(0, 2);
            boolean plain = stop.chars().allMatch(c -> c >= 0x20 && c < 0x7F);
            if (plain && full.indexOf(stop) == before.length() - 2
                    && TinyDecoders.decode(spec, new long[]{tokens[split]}).length() < 4) {
                return stop;
            }
        }
        throw new IllegalStateException("no plain-text token boundary in " + Arrays.toString(tokens));
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void cancellingMidStreamEndsWithinAStepAndTheModelStaysUsable(Variant variant) {
        CancellationSignal cancel = new CancellationSignal();
        List<String> chunks = new CopyOnWriteArrayList<>();
        int[] chunksWhenCancelled = {-1};
        TokenSink sink = chunk -> {
            chunks.add(chunk);
            if (chunks.size() == 3) {
                chunksWhenCancelled[0] = chunks.size();
                cancel.cancel("client went away");
            }
        };

        assertThatThrownBy(() -> MODELS.get(variant).generate(new Prompt.Text(PROMPT), greedy(200), sink, cancel))
                .isInstanceOf(CancelledException.class)
                .hasMessageContaining("client went away");
        assertThat(chunks).hasSize(chunksWhenCancelled[0]);
        assertThat(generate(variant, PROMPT, greedy(5)).usage().completionTokens()).isEqualTo(5);
    }

    @Test
    void cancellingFromAnotherThreadStopsALongGenerationPromptly() throws Exception {
        CancellationSignal cancel = new CancellationSignal();
        CompletableFuture<Void> firstChunk = new CompletableFuture<>();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<Completion> running = executor.submit(() -> MODELS.get(Variant.GROUP_QUERY_SHARED_BUFFER).generate(
                    new Prompt.Text(PROMPT), GenerationParameters.defaults().withTemperature(0.0),
                    chunk -> {
                        firstChunk.complete(null);
                        awaitUntil(cancel::isCancelled);
                    }, cancel));
            firstChunk.get(60, TimeUnit.SECONDS);
            cancel.cancel("stop now");

            assertThatThrownBy(() -> running.get(60, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(CancelledException.class);
        } finally {
            executor.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void fourConcurrentGenerationsGiveWhatFourSequentialOnesGive(Variant variant) throws Exception {
        List<String> prompts = List.of(PROMPT, "the model", "answer the question", "local foundry runtime");
        List<String> sequential = new ArrayList<>();
        for (String prompt : prompts) {
            sequential.add(generate(variant, prompt, greedy(24)).text());
        }
        ExecutorService executor = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> parallel = new ArrayList<>();
            for (String prompt : prompts) {
                parallel.add(executor.submit(() -> generate(variant, prompt, greedy(24)).text()));
            }
            for (int i = 0; i < prompts.size(); i++) {
                assertThat(parallel.get(i).get(120, TimeUnit.SECONDS)).isEqualTo(sequential.get(i));
            }
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aChatIsRenderedByTheChatTemplateWithTheGenerationPrompt() {
        DecoderSpec spec = Variant.GROUP_QUERY_SHARED_BUFFER.spec;
        String rendered = "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n"
                + "<|im_start|>user\nhello the world<|im_end|>\n<|im_start|>assistant\n";

        int counted = MODELS.get(Variant.GROUP_QUERY_SHARED_BUFFER).countTokens(
                new Prompt.Chat(List.of(ChatMessage.user("hello the world"))));

        assertThat(counted).isEqualTo(TinyDecoders.encode(spec, rendered).length);
        assertThat(TinyDecoders.encode(spec, rendered)).contains((long) spec.imStartId(), (long) spec.imEndId());
    }

    @Test
    void unloadingCancelsAGenerationInFlightAndLaterCallsAreRefused() throws Exception {
        ModelHandle model = TinyDecoders.load(Variant.STANDARD_GROWING_CACHE.spec);
        CompletableFuture<Void> firstChunk = new CompletableFuture<>();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<Completion> running = executor.submit(() -> model.generate(new Prompt.Text(PROMPT),
                    GenerationParameters.defaults().withTemperature(0.0), chunk -> {
                        firstChunk.complete(null);
                        awaitUntil(() -> isUnloaded(model));
                    }, new CancellationSignal()));
            firstChunk.get(60, TimeUnit.SECONDS);
            model.close();

            assertThatThrownBy(() -> running.get(60, TimeUnit.SECONDS)).hasCauseInstanceOf(CancelledException.class);
            assertThatThrownBy(() -> model.countTokens(new Prompt.Text("x"))).isInstanceOf(IllegalStateException.class);
            model.close();
        } finally {
            executor.shutdownNow();
        }
    }

    /** Holds the generating thread in its sink until the other thread has acted, so the test never races it. */
    private static void awaitUntil(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
    }

    private static boolean isUnloaded(ModelHandle model) {
        try {
            model.countTokens(new Prompt.Text("x"));
            return false;
        } catch (IllegalStateException unloaded) {
            return true;
        }
    }
}
