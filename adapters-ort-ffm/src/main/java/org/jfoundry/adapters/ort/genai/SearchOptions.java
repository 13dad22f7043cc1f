package org.jfoundry.adapters.ort.genai;

import java.lang.foreign.MemorySegment;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.inference.GenerationParameters;

/**
 * A request's sampling settings as GenAI search options. Unset numbers keep the folder's {@code search} defaults;
 * any explicit sampling number turns sampling on, since those defaults often say {@code do_sample: false}.
 * Presence and frequency penalties have no GenAI counterpart and are not applied.
 *
 * @param maxNewTokens tokens to generate at most
 * @param maxLength    GenAI's {@code max_length}: prompt plus new tokens, within the context
 */
record SearchOptions(int maxNewTokens, int maxLength) {

    /** @param promptParam the request parameter a bad prompt is blamed on: {@code messages} or {@code prompt} */
    static SearchOptions forPrompt(int promptTokens, GenerationParameters parameters, GenAiModelFolder folder,
                                   String promptParam) {
        int context = folder.contextLength();
        if (promptTokens == 0) {
            throw new InvalidRequestException("the prompt is empty once tokenized", promptParam);
        }
        if (promptTokens >= context) {
            throw new InvalidRequestException("the prompt takes " + promptTokens + " tokens; the model's context holds "
                    + context + " tokens in all, so nothing is left to generate", promptParam);
        }
        int room = context - promptTokens;
        int wanted = parameters.maxTokens() != null
                ? parameters.maxTokens()
                : Math.max(1, folder.defaultMaxLength() - promptTokens);
        int maxNew = Math.min(wanted, room);
        return new SearchOptions(maxNew, promptTokens + maxNew);
    }

    void applyTo(MemorySegment params, GenerationParameters parameters) {
        Oga.setSearchNumber(params, "max_length", maxLength);
        if (parameters.isGreedy()) {
            Oga.setSearchBool(params, "do_sample", false);
        } else if (parameters.temperature() != null || parameters.topP() != null || parameters.topK() != null) {
            Oga.setSearchBool(params, "do_sample", true);
            if (parameters.temperature() != null) {
                Oga.setSearchNumber(params, "temperature", parameters.temperature());
            }
            if (parameters.topP() != null) {
                Oga.setSearchNumber(params, "top_p", parameters.topP());
            }
            if (parameters.topK() != null && parameters.topK() > 0) {
                Oga.setSearchNumber(params, "top_k", parameters.topK());
            }
        }
        if (parameters.repetitionPenalty() != null) {
            Oga.setSearchNumber(params, "repetition_penalty", parameters.repetitionPenalty());
        }
        if (parameters.seed() != null) {
            // GenAI's seed is a 32-bit int where -1 means "random": fold the request's long into 0..2^31-1.
            Oga.setSearchNumber(params, "random_seed", Math.floorMod(parameters.seed(), 1L << 31));
        }
    }
}
