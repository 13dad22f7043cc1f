package org.jfoundry.adapters.ort.constraint;

/**
 * The one whitespace rule for JSON output, on both engines: between JSON tokens a model may write a run of at most
 * {@link #MAX_RUN} spaces, or one newline and then at most {@link #MAX_RUN} spaces (compact or pretty-printed JSON).
 * Without a bound a confused model pads with newlines until max_tokens and never finishes the value.
 *
 * <p>The GenAI engine's llguidance cannot say this rule: its {@code whitespace_pattern} is a skip pattern that it
 * lets repeat between two tokens (measured on GenAI 0.14.1 with SmolLM2: the pattern {@code \x20{0,12}|\n\x20{0,12}}
 * still let through {@code "\n\n"} and hundreds of newlines). So GenAI gets {@link #GUIDANCE_FLEXIBLE} false:
 * compact JSON, no whitespace between tokens, which lies within this rule.
 */
public final class JsonWhitespace {

    public static final int MAX_RUN = 12;

    /** The llguidance {@code x-guidance.whitespace_flexible} value that keeps GenAI output within the rule. */
    public static final boolean GUIDANCE_FLEXIBLE = false;

    private JsonWhitespace() {
    }
}
