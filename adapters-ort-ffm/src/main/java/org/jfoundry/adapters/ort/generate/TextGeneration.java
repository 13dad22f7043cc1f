package org.jfoundry.adapters.ort.generate;

import org.jfoundry.adapters.ort.completion.StopStringMatcher;
import org.jfoundry.adapters.ort.constraint.ConstrainedOutput;
import org.jfoundry.adapters.ort.runtime.OrtException;
import org.jfoundry.ports.failure.CancelledException;
import org.jfoundry.ports.failure.EngineFailureException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.FinishReason;
import org.jfoundry.ports.inference.TokenSink;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The generation loop for one request: prefill, then pick a token, stream its text, stop or step, until an eos id,
 * a stop string, max tokens, a full cache or cancellation. Text reaches the sink as whole UTF-8 characters, with stop
 * strings held back until they are ruled out. With a response format the sampler only picks tokens that keep the
 * text the beginning of a value of its schema, end ids only once the value is whole, and the loop stops once
 * nothing may follow the value.
 */
final class TextGeneration {

    /** What the loop produced; the caller turns it into a {@link org.jfoundry.ports.inference.Completion}. */
    record Outcome(String text, FinishReason finishReason, int promptTokens, int completionTokens,
                   long timeToFirstTokenNanos, long totalNanos, GenerationStats stats) {
    }

    private final ModelTokenizer tokenizer;
    private final Set<Long> eosIds;
    private final TokenSink sink;
    private final CancellationSignal cancel;
    private final Supplier<String> abortReason;
    private final StringBuilder text = new StringBuilder();
    private final IncrementalUtf8Decoder utf8 = new IncrementalUtf8Decoder();
    private final StopStringMatcher stops;
    /** The response format's schema; null for free text. */
    private final ConstrainedOutput constraint;

    TextGeneration(ModelTokenizer tokenizer, List<Integer> eosIds, List<String> stopStrings, TokenSink sink,
                   CancellationSignal cancel, Supplier<String> abortReason) {
        this(tokenizer, eosIds, stopStrings, sink, cancel, abortReason, null);
    }

    /** @param constraint the schema constraint the sampler also filters with; null for free text */
    TextGeneration(ModelTokenizer tokenizer, List<Integer> eosIds, List<String> stopStrings, TokenSink sink,
                   CancellationSignal cancel, Supplier<String> abortReason, ConstrainedOutput constraint) {
        this.tokenizer = tokenizer;
        this.constraint = constraint;
        this.eosIds = eosIds.stream().map(Integer::longValue).collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.stops = new StopStringMatcher(stopStrings);
        this.sink = sink;
        this.cancel = cancel;
        this.abortReason = abortReason;
    }

    /**
     * @param startNanos when the request started, for the time to first token
     * @param maxNewTokens   most tokens to generate
     * @param maxTotalTokens most tokens of prompt and completion together (the context, or the memory limit)
     */
    Outcome run(DecoderSequence run, TokenSampler sampler, long[] prompt, int maxNewTokens, int maxTotalTokens,
                long startNanos) {
        Runnable unregister = cancel.onCancel(run::terminate);
        try {
            sampler.notePrompt(prompt);
            MemorySegment logits = guarded(run, () -> run.prefill(prompt));
            long prefillRunNanos = run.runNanos();
            long prefillRunCpuNanos = run.runCpuNanos();
            long firstTokenAt = 0;
            long prefillEnd = 0;
            long prefillEndCpu = 0;
            int generated = 0;
            int steps = 0;
            FinishReason finish;
            while (true) {
                int token = sampler.pick(logits);
                if (token == TokenSampler.NONE_ALLOWED) {
                    throw new EngineFailureException(
                            "no token of the model's vocabulary continues the output the response format asks for");
                }
                if (firstTokenAt == 0) {
                    firstTokenAt = System.nanoTime();
                    prefillEnd = firstTokenAt;
                    prefillEndCpu = ThreadCpu.nanos();
                }
                if (eosIds.contains((long) token)) {
                    finish = FinishReason.STOP;
                    break;
                }
                generated++;
                sampler.noteGenerated(token);
                emit(utf8.append(tokenizer.bytesOf(token)));
                if (constraint != null) {
                    constraint.accept(token);
                }
                if (stops.matched() || constraint != null && constraint.isFinished()) {
                    finish = FinishReason.STOP;
                    break;
                }
                if (generated >= maxNewTokens || prompt.length + generated >= maxTotalTokens) {
                    finish = FinishReason.LENGTH;
                    break;
                }
                throwIfCancelled(run);
                logits = guarded(run, () -> run.step(token));
                steps++;
            }
            if (!stops.matched()) {
                emit(utf8.flush());
                if (stops.matched()) {
                    finish = FinishReason.STOP;
                } else {
                    emit(stops.release());
                }
            }
            long end = System.nanoTime();
            long loopCpu = ThreadCpu.nanos() - prefillEndCpu - (run.runCpuNanos() - prefillRunCpuNanos);
            GenerationStats stats = new GenerationStats(prompt.length, generated, prefillEnd - startNanos,
                    prefillRunNanos, steps, end - prefillEnd, run.runNanos() - prefillRunNanos, loopCpu);
            return new Outcome(text.toString(), finish, prompt.length, generated, firstTokenAt - startNanos,
                    end - startNanos, stats);
        } finally {
            unregister.run();
        }
    }

    private void emit(String decoded) {
        if (decoded.isEmpty() || stops.matched()) {
            return;
        }
        String safe = stops.accept(decoded);
        if (!safe.isEmpty()) {
            text.append(safe);
            sink.accept(safe);
        }
    }

    private MemorySegment guarded(DecoderSequence run, Supplier<MemorySegment> step) {
        try {
            return step.get();
        } catch (OrtException e) {
            if (e.isTerminated() || run.terminated()) {
                throwIfCancelled(run);
            }
            throw new EngineFailureException("ONNX Runtime failed while generating: " + e.getMessage(), e);
        } catch (SequenceTerminatedException e) {
            throwIfCancelled(run);
            throw new CancelledException("generation was stopped");
        }
    }

    private void throwIfCancelled(DecoderSequence run) {
        String aborted = abortReason.get();
        if (aborted != null) {
            throw new CancelledException(aborted);
        }
        if (cancel.isCancelled()) {
            throw new CancelledException(cancel.reason());
        }
        if (run.terminated()) {
            throw new CancelledException("generation was stopped");
        }
    }
}
