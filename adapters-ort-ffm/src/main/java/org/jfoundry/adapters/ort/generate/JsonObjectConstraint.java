package org.jfoundry.adapters.ort.generate;

import org.jfoundry.adapters.ort.completion.JsonPrefixValidator;

import java.util.function.IntPredicate;
import java.util.function.LongFunction;

/**
 * JSON mode for one request: a token is allowed when its bytes keep the output the beginning of a JSON object.
 * Special tokens (eos included) have no bytes and are never allowed, so the model cannot end before the object
 * closes; the loop stops as soon as it has. Runs of whitespace between JSON tokens are capped: an untrained or
 * confused model otherwise pads with newlines until max tokens.
 */
final class JsonObjectConstraint implements IntPredicate {

    static final int MAX_WHITESPACE_RUN = 16;

    private final LongFunction<byte[]> bytesOf;
    private final JsonPrefixValidator output = new JsonPrefixValidator();
    /** Where candidate tokens are tried, so a refused one leaves {@link #output} untouched. */
    private final JsonPrefixValidator trial = new JsonPrefixValidator();

    JsonObjectConstraint(LongFunction<byte[]> bytesOf) {
        this.bytesOf = bytesOf;
    }

    @Override
    public boolean test(int token) {
        byte[] bytes = bytesOf.apply(token);
        if (bytes.length == 0) {
            return false;
        }
        trial.copyFrom(output);
        return trial.acceptAll(bytes) && trial.trailingWhitespace() <= MAX_WHITESPACE_RUN;
    }

    /** Takes a picked token into the output; it must be one {@link #test} allowed. */
    void accept(int token) {
        if (!output.acceptAll(bytesOf.apply(token))) {
            throw new IllegalStateException("token " + token + " does not continue the JSON output");
        }
    }

    boolean objectClosed() {
        return output.isComplete();
    }
}
