package org.jfoundry.adapters.ort.generate;

import org.jfoundry.ports.inference.GenerationParameters;

import java.util.concurrent.ThreadLocalRandom;

/**
 * How one request picks tokens, with the request's values over the model's {@code search} defaults.
 *
 * @param sample false: greedy (the most likely token every step)
 * @param topK   0: no top-k filter
 */
record SamplingSettings(boolean sample, double temperature, int topK, double topP, double repetitionPenalty,
                        double presencePenalty, double frequencyPenalty, long seed) {

    static SamplingSettings resolve(GenerationParameters request, GenAiConfig.Search defaults) {
        double temperature = request.temperature() != null ? request.temperature() : defaults.temperature();
        int topK = request.topK() != null ? request.topK() : Math.max(0, defaults.topK());
        double topP = request.topP() != null ? request.topP() : defaults.topP();
        // A request that asks for any sampling control asks to sample; otherwise the model's do_sample decides.
        boolean asked = request.temperature() != null || request.topP() != null
                || (request.topK() != null && request.topK() > 1);
        boolean sample = (asked || defaults.doSample()) && temperature > 0 && topK != 1 && !request.isGreedy();
        long seed = request.seed() != null ? request.seed()
                : defaults.randomSeed() >= 0 ? defaults.randomSeed() : ThreadLocalRandom.current().nextLong();
        return new SamplingSettings(sample, temperature, topK, topP <= 0 ? 1.0 : topP,
                request.repetitionPenalty() != null ? request.repetitionPenalty() : defaults.repetitionPenalty(),
                request.presencePenalty() != null ? request.presencePenalty() : 0,
                request.frequencyPenalty() != null ? request.frequencyPenalty() : 0,
                seed);
    }

    boolean penalizes() {
        return repetitionPenalty != 1.0 || presencePenalty != 0 || frequencyPenalty != 0;
    }
}
