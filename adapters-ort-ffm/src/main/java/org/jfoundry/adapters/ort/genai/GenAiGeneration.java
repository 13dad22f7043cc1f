package org.jfoundry.adapters.ort.genai;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.function.IntConsumer;
import org.jfoundry.adapters.ort.completion.CompletionTimings;
import org.jfoundry.adapters.ort.completion.StopStringMatcher;
import org.jfoundry.adapters.ort.genai.internal.bindings.ort_genai_c_h;
import org.jfoundry.ports.failure.CancelledException;
import org.jfoundry.ports.failure.EngineFailureException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.Completion;
import org.jfoundry.ports.inference.FinishReason;
import org.jfoundry.ports.inference.GenerationParameters;
import org.jfoundry.ports.inference.ResponseFormat;
import org.jfoundry.ports.inference.Timings;
import org.jfoundry.ports.inference.TokenSink;
import org.jfoundry.ports.inference.Usage;

/**
 * One generation on a GenAI model: its generator and tokenizer stream, the token loop, and cancellation, which sets
 * the generator's terminate flag from the cancelling thread so a model run in progress stops at once.
 */
final class GenAiGeneration {


    private final GenAiModelHandle handle;
    private final int[] promptIds;
    private final GenerationParameters parameters;
    private final TokenSink sink;
    private final CancellationSignal cancel;
    private final IntConsumer tokens;
    private final String promptParam;

    private MemorySegment generator = MemorySegment.NULL;
    private boolean released;
    private boolean terminatedNatively;
    private volatile String terminatedBecause;

    GenAiGeneration(GenAiModelHandle handle, int[] promptIds, GenerationParameters parameters, TokenSink sink,
                    CancellationSignal cancel, IntConsumer tokens, String promptParam) {
        this.handle = handle;
        this.promptIds = promptIds;
        this.parameters = parameters;
        this.sink = sink;
        this.cancel = cancel;
        this.tokens = tokens;
        this.promptParam = promptParam;
    }

    Completion run() {
        cancel.throwIfCancelled();
        SearchOptions search = SearchOptions.forPrompt(promptIds.length, parameters, handle.folder(), promptParam);
        Runnable deregister = () -> { };
        MemorySegment stream = MemorySegment.NULL;
        try {
            createGenerator(search);
            deregister = cancel.onCancel(() -> terminate(cancel.reason()));
            stream = handle.createTokenizerStream();
            checkNotStopped();
            // The prompt runs through the model here (prefill), so cancellation must already be wired.
            Oga.appendTokens(generator, promptIds);
            return loop(search, stream);
        } catch (GenAiException e) {
            if (cancel.isCancelled() || terminatedBecause != null) {
                throw cancelled();
            }
            throw new EngineFailureException("GenAI failed generating with " + handle.id() + ": " + e.getMessage(), e);
        } finally {
            deregister.run();
            release(stream);
        }
    }

    /** Stops the generation from any thread; the loop then ends with {@link CancelledException}. */
    void terminate(String why) {
        terminatedBecause = why == null ? "cancelled" : why;
        synchronized (this) {
            if (!released && generator.address() != 0) {
                try {
                    Oga.terminate(generator);
                    terminatedNatively = true;
                } catch (GenAiException ignored) {
                    // The loop still sees terminatedBecause at its next step.
                }
            }
        }
    }

    private void createGenerator(SearchOptions search) {
        MemorySegment params = Oga.createGeneratorParams(handle.model());
        try {
            search.applyTo(params, parameters);
            if (parameters.responseFormat() instanceof ResponseFormat.JsonSchemaFormat json) {
                Oga.setGuidance(params, "json_schema", GuidanceSchema.withWhitespaceRule(json.schemaJson()));
            }
            MemorySegment created = Oga.createGenerator(handle.model(), params);
            synchronized (this) {
                generator = created;
            }
        } finally {
            ort_genai_c_h.OgaDestroyGeneratorParams(params);
        }
    }

    private Completion loop(SearchOptions search, MemorySegment stream) {
        StopStringMatcher stops = new StopStringMatcher(parameters.stop());
        StringBuilder text = new StringBuilder();
        int produced = 0;
        long firstTokenNanos = -1;
        FinishReason finish = FinishReason.LENGTH;
        try (Arena step = Arena.ofConfined()) {
            while (produced < search.maxNewTokens() && !isDone()) {
                checkNotStopped();
                Oga.generateNextToken(generator);
                int token = Oga.nextToken(generator, step);
                if (firstTokenNanos < 0) {
                    firstTokenNanos = System.nanoTime();
                }
                tokens.accept(token);
                if (handle.isEndOfSequence(token)) {
                    finish = FinishReason.STOP;
                    break;
                }
                // Like OpenAI, the end-of-sequence token is not counted as completion.
                produced++;
                String safe = stops.accept(handle.streamDecode(stream, token, step));
                emit(safe, text);
                if (stops.matched()) {
                    finish = FinishReason.STOP;
                    break;
                }
            }
        }
        checkNotStopped();
        if (!stops.matched()) {
            emit(stops.release(), text);
        }
        long end = System.nanoTime();
        long first = firstTokenNanos < 0 ? end : firstTokenNanos;
        Timings timings = CompletionTimings.decoding(first, end, produced);
        return new Completion(handle.id(), text.toString(), finish, new Usage(promptIds.length, produced), timings);
    }

    /**
     * GenAI's IsDone throws a C++ exception past its C boundary once the session is terminated, which aborts the
     * process; so it is asked under the same lock that terminates, and never after.
     */
    private synchronized boolean isDone() {
        return terminatedNatively || Oga.isDone(generator);
    }

    private void emit(String chunk, StringBuilder text) {
        if (!chunk.isEmpty()) {
            text.append(chunk);
            sink.accept(chunk);
        }
    }

    private void checkNotStopped() {
        if (cancel.isCancelled() || terminatedBecause != null) {
            throw cancelled();
        }
    }

    private CancelledException cancelled() {
        String why = cancel.isCancelled() ? cancel.reason() : terminatedBecause;
        return new CancelledException("generation with " + handle.id() + " was cancelled: " + why);
    }

    private void release(MemorySegment stream) {
        synchronized (this) {
            released = true;
            if (stream.address() != 0) {
                ort_genai_c_h.OgaDestroyTokenizerStream(stream);
            }
            if (generator.address() != 0) {
                ort_genai_c_h.OgaDestroyGenerator(generator);
            }
        }
    }
}
