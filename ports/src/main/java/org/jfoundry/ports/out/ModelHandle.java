package org.jfoundry.ports.out;

import java.util.List;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.Completion;
import org.jfoundry.ports.inference.EmbeddingResult;
import org.jfoundry.ports.inference.GenerationParameters;
import org.jfoundry.ports.inference.Prompt;
import org.jfoundry.ports.inference.TokenSink;
import org.jfoundry.ports.inference.Transcription;
import org.jfoundry.ports.inference.TranscriptionRequest;
import org.jfoundry.ports.model.ModelId;

/**
 * A model loaded by an engine. Safe to call from several threads at once; {@link #close()} unloads it and is
 * idempotent; calls after close fail with {@link IllegalStateException}.
 */
public interface ModelHandle extends AutoCloseable {

    ModelId id();

    /** Estimated bytes this model holds in memory. */
    long estimatedBytes();

    boolean canGenerate();

    boolean canEmbed();

    /**
     * Generates a continuation, streaming text chunks to the sink as they are decoded. Ends by end-of-sequence, a stop
     * string, max tokens, a full context, or cancellation (then throws {@link org.jfoundry.ports.failure.CancelledException}).
     */
    default Completion generate(Prompt prompt, GenerationParameters parameters, TokenSink sink, CancellationSignal cancel) {
        throw new InvalidRequestException("model '" + id() + "' does not generate text; it is an embedding model", "model");
    }

    default EmbeddingResult embed(List<String> inputs, CancellationSignal cancel) {
        throw new InvalidRequestException("model '" + id() + "' does not produce embeddings", "model");
    }

    /** Whether {@link #transcribe} works: the model recognises speech. */
    default boolean canTranscribe() {
        return false;
    }

    /** Turns speech into text; unreadable audio is an {@link InvalidRequestException} on {@code file}. */
    default Transcription transcribe(TranscriptionRequest request, CancellationSignal cancel) {
        throw new InvalidRequestException("model '" + id() + "' does not transcribe audio; use a speech recognition "
                + "model such as whisper-tiny-en", "model");
    }

    /**
     * Requests this model serves at once without queueing inside the engine (a batching engine's slots); the core
     * admits no more than this and its own per-model limit, so no admitted request waits behind another limit.
     */
    default int maxConcurrentRequests() {
        return Integer.MAX_VALUE;
    }

    /** Tokens the prompt takes once rendered the way {@link #generate} renders it. */
    int countTokens(Prompt prompt);

    @Override
    void close();
}
