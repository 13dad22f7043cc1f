package org.jfoundry.ports.inference;

/** Receives generated text as it is produced; each chunk is valid UTF-8 text (never half a character). */
@FunctionalInterface
public interface TokenSink {
    void accept(String textChunk);

    TokenSink DISCARD = chunk -> { };
}
