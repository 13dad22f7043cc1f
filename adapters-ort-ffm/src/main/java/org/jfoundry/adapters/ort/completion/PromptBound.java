package org.jfoundry.adapters.ort.completion;

import java.nio.charset.StandardCharsets;
import org.jfoundry.ports.failure.InvalidRequestException;

/**
 * Refuses a prompt that cannot fit the context from its length alone, before the tokenizer sees it: tokenizing a
 * 15 MB prompt takes tens of seconds of CPU and gigabytes, only to learn that it is too long. No token of the models
 * served stands for more than {@link #MAX_BYTES_PER_TOKEN} bytes of text, so a prompt longer than that many bytes per
 * token of context needs more tokens than the context holds; anything shorter is tokenized and checked exactly.
 */
public final class PromptBound {
    /** Longer than any single token of the vocabularies served (the longest are runs of spaces or dashes). */
    static final int MAX_BYTES_PER_TOKEN = 64;

    private PromptBound() {
    }

    /**
     * @param contextTokens the most tokens the model holds, prompt and completion together
     * @param promptParam   the request parameter a prompt that is too long is blamed on
     */
    public static String require(String rendered, int contextTokens, String promptParam) {
        long limit = (long) contextTokens * MAX_BYTES_PER_TOKEN;
        // Each char is at most 3 UTF-8 bytes (a surrogate pair is 4 for 2 chars): skip the count when it cannot matter.
        if ((long) rendered.length() * 3 > limit) {
            long bytes = rendered.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > limit) {
                throw new InvalidRequestException("the prompt is " + bytes + " bytes, more than the " + contextTokens
                        + " tokens the model holds can cover (at most " + limit + " bytes)", promptParam);
            }
        }
        return rendered;
    }

    /**
     * The start of {@code text} that holds at least its first {@code tokens} tokens, for inputs that are truncated
     * rather than refused (embeddings): no more than {@link #MAX_BYTES_PER_TOKEN} characters per token (a character is
     * at least a byte), cut after the last whitespace that leaves room, so only the word the cut falls in changes and
     * it lies beyond those tokens. The text itself when it is short enough. (Text that is mostly whitespace, which
     * tokenizers skip, can hold fewer tokens in that start than its whole; it is cut all the same, and reported as
     * truncated.)
     */
    public static String prefix(String text, int tokens) {
        long limit = (long) tokens * MAX_BYTES_PER_TOKEN;
        if (text.length() <= limit) {
            return text;
        }
        int end = (int) limit;
        if (Character.isLowSurrogate(text.charAt(end)) && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        for (int i = end; i > end - MAX_BYTES_PER_TOKEN && i > 0; i--) {
            if (Character.isWhitespace(text.charAt(i - 1))) {
                return text.substring(0, i);
            }
        }
        return text.substring(0, end);
    }
}
