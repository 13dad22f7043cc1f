package org.jfoundry.ports.inference;

import java.util.List;
import org.jfoundry.ports.failure.InvalidRequestException;

/**
 * How to sample. Null numbers mean "use the model's default" (from its genai_config.json search section).
 *
 * @param maxTokens         most new tokens to generate
 * @param topK              0 or null: no top-k filter
 * @param repetitionPenalty 1.0 means none
 * @param seed              null: a fresh random seed
 * @param stop              strings that end generation; never emitted
 */
public record GenerationParameters(
        Integer maxTokens,
        Double temperature,
        Double topP,
        Integer topK,
        Double repetitionPenalty,
        Double presencePenalty,
        Double frequencyPenalty,
        Long seed,
        List<String> stop,
        ResponseFormat responseFormat) {

    public static final int MAX_STOP_STRINGS = 16;

    public GenerationParameters {
        if (maxTokens != null && maxTokens < 1) {
            throw new InvalidRequestException("max_tokens must be at least 1, got " + maxTokens, "max_tokens");
        }
        requireRange(temperature, 0, 2, "temperature");
        requireRange(topP, 0, 1, "top_p");
        if (topP != null && topP == 0) {
            throw new InvalidRequestException("top_p must be greater than 0", "top_p");
        }
        if (topK != null && topK < 0) {
            throw new InvalidRequestException("top_k must not be negative, got " + topK, "top_k");
        }
        if (repetitionPenalty != null && !(repetitionPenalty > 0)) {
            throw new InvalidRequestException("repetition_penalty must be greater than 0", "repetition_penalty");
        }
        requireRange(presencePenalty, -2, 2, "presence_penalty");
        requireRange(frequencyPenalty, -2, 2, "frequency_penalty");
        stop = stop == null ? List.of() : List.copyOf(stop);
        if (stop.size() > MAX_STOP_STRINGS) {
            throw new InvalidRequestException("stop holds more than " + MAX_STOP_STRINGS + " strings", "stop");
        }
        if (stop.stream().anyMatch(s -> s == null || s.isEmpty())) {
            throw new InvalidRequestException("stop strings must not be empty", "stop");
        }
        responseFormat = responseFormat == null ? ResponseFormat.TEXT : responseFormat;
    }

    public static GenerationParameters defaults() {
        return new GenerationParameters(null, null, null, null, null, null, null, null, List.of(), ResponseFormat.TEXT);
    }

    public GenerationParameters withMaxTokens(Integer newMaxTokens) {
        return new GenerationParameters(newMaxTokens, temperature, topP, topK, repetitionPenalty, presencePenalty,
                frequencyPenalty, seed, stop, responseFormat);
    }

    public GenerationParameters withSeed(Long newSeed) {
        return new GenerationParameters(maxTokens, temperature, topP, topK, repetitionPenalty, presencePenalty,
                frequencyPenalty, newSeed, stop, responseFormat);
    }

    public GenerationParameters withTemperature(Double newTemperature) {
        return new GenerationParameters(maxTokens, newTemperature, topP, topK, repetitionPenalty, presencePenalty,
                frequencyPenalty, seed, stop, responseFormat);
    }

    public GenerationParameters withStop(List<String> newStop) {
        return new GenerationParameters(maxTokens, temperature, topP, topK, repetitionPenalty, presencePenalty,
                frequencyPenalty, seed, newStop, responseFormat);
    }

    public GenerationParameters withResponseFormat(ResponseFormat newResponseFormat) {
        return new GenerationParameters(maxTokens, temperature, topP, topK, repetitionPenalty, presencePenalty,
                frequencyPenalty, seed, stop, newResponseFormat);
    }

    /** True when sampling picks the most likely token every step. */
    public boolean isGreedy() {
        return (temperature != null && temperature == 0) || (topK != null && topK == 1);
    }

    private static void requireRange(Double value, double min, double max, String param) {
        if (value != null && (value.isNaN() || value < min || value > max)) {
            throw new InvalidRequestException(param + " must be between " + min + " and " + max + ", got " + value, param);
        }
    }
}
