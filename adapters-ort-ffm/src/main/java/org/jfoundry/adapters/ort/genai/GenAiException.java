package org.jfoundry.adapters.ort.genai;

/** A failed GenAI call: the function and the message its {@code OgaResult} carried. Never crosses the port. */
final class GenAiException extends RuntimeException {
    private final String function;

    GenAiException(String function, String message) {
        super(function + " failed: " + message);
        this.function = function;
    }

    String function() {
        return function;
    }

    /** The library's own words, without the function name. */
    String nativeMessage() {
        return getMessage().substring(function.length() + " failed: ".length());
    }
}
