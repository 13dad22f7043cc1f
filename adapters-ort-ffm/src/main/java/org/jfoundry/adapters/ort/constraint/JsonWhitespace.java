package org.jfoundry.adapters.ort.constraint;

/**
 * The one whitespace rule for JSON output, on both engines: between JSON tokens a model may write a run of at most
 * {@link #MAX_RUN} spaces, or one newline and then at most {@link #MAX_RUN} spaces (compact or pretty-printed JSON).
 * Without a bound a confused model pads with newlines until max_tokens and never finishes the value.
 */
public final class JsonWhitespace {

    public static final int MAX_RUN = 12;

    /**
     * The rule as an llguidance {@code x-guidance.whitespace_pattern}. llguidance does not repeat this skip lexeme
     * between two tokens (checked: 13 spaces and two newlines are refused), so the pattern alone bounds the run.
     */
    public static final String GUIDANCE_PATTERN = "(?:\\x20{0," + MAX_RUN + "}|\\n\\x20{0," + MAX_RUN + "})";

    private JsonWhitespace() {
    }
}
