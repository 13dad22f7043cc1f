package org.jfoundry.adapters.ort.generate;

import org.jfoundry.ports.inference.GenerationParameters;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TokenSamplerTest {

    private static final GenAiConfig.Search NO_DEFAULTS =
            new GenAiConfig.Search(false, 0, 0, 1.0, 1.0, 1.0, false, -1);

    private static SamplingSettings settings(GenerationParameters parameters) {
        return SamplingSettings.resolve(parameters, NO_DEFAULTS);
    }

    private static MemorySegment logits(float... values) {
        return MemorySegment.ofArray(values.clone());
    }

    @Test
    void greedyPicksTheHighestLogit() {
        TokenSampler sampler = new TokenSampler(settings(GenerationParameters.defaults()), 4);

        assertThat(sampler.pick(logits(0.1f, 3f, -2f, 2.9f))).isEqualTo(1);
    }

    @Test
    void topKOfOneIsGreedyEvenAtAHighTemperature() {
        GenerationParameters parameters = new GenerationParameters(null, 2.0, null, 1, null, null, null, 3L,
                List.of(), null);

        assertThat(settings(parameters).sample()).isFalse();
    }

    @Test
    void aRepetitionPenaltyTurnsGreedyAwayFromATokenAlreadySeen() {
        GenerationParameters parameters = GenerationParameters.defaults().withTemperature(0.0);
        TokenSampler penalized = new TokenSampler(settings(new GenerationParameters(null, 0.0, null, null, 2.0,
                null, null, null, List.of(), null)), 3);
        TokenSampler plain = new TokenSampler(settings(parameters), 3);
        penalized.notePrompt(new long[]{0});
        plain.notePrompt(new long[]{0});

        assertThat(plain.pick(logits(3f, 2f, 1f))).isEqualTo(0);
        assertThat(penalized.pick(logits(3f, 2f, 1f))).isEqualTo(1);
    }

    @Test
    void presenceAndFrequencyPenaltiesCountOnlyGeneratedTokens() {
        TokenSampler sampler = new TokenSampler(settings(new GenerationParameters(null, 0.0, null, null, null,
                0.5, 0.4, null, List.of(), null)), 3);
        sampler.notePrompt(new long[]{1});
        sampler.noteGenerated(0);
        sampler.noteGenerated(0);

        // token 0: 2.0 - 0.5 - 2 * 0.4 = 0.7 < token 1 (prompt only, not penalized) at 1.5
        assertThat(sampler.pick(logits(2f, 1.5f, 0f))).isEqualTo(1);
    }

    @Test
    void theSameSeedDrawsTheSameTokensAndTopKNeverLeavesTheBestK() {
        GenerationParameters parameters = new GenerationParameters(null, 1.5, null, 3, null, null, null, 11L,
                List.of(), null);
        float[] row = new float[50];
        for (int i = 0; i < row.length; i++) {
            row[i] = (float) Math.sin(i * 1.7) * 3;
        }
        TokenSampler first = new TokenSampler(settings(parameters), row.length);
        TokenSampler second = new TokenSampler(settings(parameters), row.length);
        Set<Integer> drawn = new HashSet<>();
        for (int step = 0; step < 200; step++) {
            int a = first.pick(logits(row));
            assertThat(second.pick(logits(row))).isEqualTo(a);
            drawn.add(a);
        }

        assertThat(drawn).hasSizeBetween(2, 3).isSubsetOf(topIndexes(row, 3));
    }

    @Test
    void topPKeepsTheSmallestSetReachingTheMass() {
        // Probabilities about 0.64, 0.24, 0.09, 0.03: top_p 0.8 keeps the first two only.
        GenerationParameters parameters = new GenerationParameters(null, 1.0, 0.8, null, null, null, null, 5L,
                List.of(), null);
        TokenSampler sampler = new TokenSampler(settings(parameters), 4);
        Set<Integer> drawn = new HashSet<>();
        for (int step = 0; step < 300; step++) {
            drawn.add(sampler.pick(logits(3f, 2f, 1f, 0f)));
        }

        assertThat(drawn).containsExactlyInAnyOrder(0, 1);
    }

    @Test
    void plainTemperatureSamplingReachesTheWholeVocabulary() {
        GenerationParameters parameters = new GenerationParameters(null, 1.0, null, null, null, null, null, 9L,
                List.of(), null);
        TokenSampler sampler = new TokenSampler(settings(parameters), 4);
        Set<Integer> drawn = new HashSet<>();
        for (int step = 0; step < 2000; step++) {
            drawn.add(sampler.pick(logits(3f, 2f, 1f, 0f)));
        }

        assertThat(drawn).containsExactlyInAnyOrder(0, 1, 2, 3);
    }

    @Test
    void theModelsDoSampleDefaultAppliesWhenTheRequestSaysNothing() {
        GenAiConfig.Search sampling = new GenAiConfig.Search(true, 0, 50, 0.9, 0.7, 1.0, true, 42);

        SamplingSettings resolved = SamplingSettings.resolve(GenerationParameters.defaults(), sampling);

        assertThat(resolved.sample()).isTrue();
        assertThat(resolved.topK()).isEqualTo(50);
        assertThat(resolved.seed()).isEqualTo(42);
        assertThat(SamplingSettings.resolve(GenerationParameters.defaults().withTemperature(0.0), sampling).sample())
                .isFalse();
    }

    private static Set<Integer> topIndexes(float[] row, int k) {
        Set<Integer> top = new HashSet<>();
        for (int n = 0; n < k; n++) {
            int best = -1;
            for (int i = 0; i < row.length; i++) {
                if (!top.contains(i) && (best < 0 || row[i] > row[best])) {
                    best = i;
                }
            }
            top.add(best);
        }
        return top;
    }

    @Test
    void aFilteredGreedyPickWalksDownToTheBestAllowedTokenAskingOnlyTheBetterOnes() {
        Set<Integer> asked = new HashSet<>();
        TokenSampler sampler = new TokenSampler(settings(GenerationParameters.defaults()), 5, token -> {
            asked.add(token);
            return token == 2 || token == 4;
        });

        assertThat(sampler.pick(logits(5f, 4f, 3f, 2f, 1f))).isEqualTo(2);
        assertThat(asked).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void aFilteredGreedyPickBeyondTheWalkFallsBackToAMaskedScan() {
        int vocab = TokenSampler.GREEDY_WALK + 10;
        float[] values = new float[vocab];
        for (int i = 0; i < vocab; i++) {
            values[i] = vocab - i;
        }
        int onlyAllowed = vocab - 3;
        TokenSampler sampler = new TokenSampler(settings(GenerationParameters.defaults()), vocab,
                token -> token == onlyAllowed);

        assertThat(sampler.pick(logits(values))).isEqualTo(onlyAllowed);
    }

    @Test
    void aFilterThatRefusesEverythingYieldsNoneAllowed() {
        TokenSampler greedy = new TokenSampler(settings(GenerationParameters.defaults()), 3, token -> false);
        TokenSampler sampling = new TokenSampler(settings(new GenerationParameters(null, 1.0, null, null, null,
                null, null, 5L, List.of(), null)), 3, token -> false);

        assertThat(greedy.pick(logits(1f, 2f, 3f))).isEqualTo(TokenSampler.NONE_ALLOWED);
        assertThat(sampling.pick(logits(1f, 2f, 3f))).isEqualTo(TokenSampler.NONE_ALLOWED);
    }

    @Test
    void filteredSamplingDrawsOnlyAllowedTokensAndRepeatsWithTheSeed() {
        List<GenerationParameters> variants = List.of(
                new GenerationParameters(null, 1.0, null, null, null, null, null, 11L, List.of(), null),
                new GenerationParameters(null, 1.0, 0.9, 3, null, null, null, 11L, List.of(), null),
                new GenerationParameters(null, 1.0, 0.5, null, null, null, null, 11L, List.of(), null));
        float[] values = {4f, 3.9f, 3.8f, 0f, -1f, -2f};
        for (GenerationParameters parameters : variants) {
            TokenSampler first = new TokenSampler(settings(parameters), values.length, token -> token % 2 == 1);
            TokenSampler again = new TokenSampler(settings(parameters), values.length, token -> token % 2 == 1);
            Set<Integer> drawn = new HashSet<>();
            for (int i = 0; i < 200; i++) {
                int token = first.pick(logits(values));
                assertThat(again.pick(logits(values))).isEqualTo(token);
                drawn.add(token);
            }
            assertThat(drawn).as(parameters.toString()).isNotEmpty().allMatch(token -> token % 2 == 1);
        }
    }

    @Test
    void filteredSamplingWithTopKFallsBackToAllowedTokensOutsideTheTopK() {
        GenerationParameters topTwo = new GenerationParameters(null, 1.0, null, 2, null, null, null, 3L, List.of(),
                null);
        TokenSampler sampler = new TokenSampler(settings(topTwo), 4, token -> token == 3);

        assertThat(sampler.pick(logits(9f, 8f, 7f, 1f))).isEqualTo(3);
    }
}
