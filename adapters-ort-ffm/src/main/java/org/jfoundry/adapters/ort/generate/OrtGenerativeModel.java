package org.jfoundry.adapters.ort.generate;

import org.jfoundry.adapters.ort.completion.CompletionTimings;
import org.jfoundry.adapters.ort.constraint.ConstrainedOutput;
import org.jfoundry.adapters.ort.internal.lifecycle.CallGate;
import org.jfoundry.adapters.ort.completion.PromptBound;
import org.jfoundry.adapters.ort.completion.ToolCallFormat;
import org.jfoundry.adapters.ort.runtime.OrtEnvironment;
import org.jfoundry.adapters.ort.runtime.Session;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.Completion;
import org.jfoundry.ports.inference.GenerationParameters;
import org.jfoundry.ports.inference.Prompt;
import org.jfoundry.ports.inference.Timings;
import org.jfoundry.ports.inference.TokenSink;
import org.jfoundry.ports.inference.Usage;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.out.ModelHandle;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A GenAI decoder folder loaded on one session. Requests run in parallel, each with its own cache; closing cancels
 * the requests in flight, waits for them, then releases the session and tokenizer.
 */
final class OrtGenerativeModel implements ModelHandle {

    private final ModelId id;
    private final OrtEnvironment environment;
    private final Session session;
    private final ModelTokenizer tokenizer;
    private final ChatPromptRenderer renderer;
    private final GenAiConfig config;
    private final DecoderSignature signature;
    private final GenerationLimits limits;
    private final OutputConstraints constraints;
    private final long estimatedBytes;
    private final Set<DecoderRun> inFlight = ConcurrentHashMap.newKeySet();
    /** Requests between their start and their end, so close() can wait for ones that have no run yet. */
    private final CallGate gate;
    private volatile String closedReason;

    OrtGenerativeModel(ModelId id, OrtEnvironment environment, Session session, ModelTokenizer tokenizer,
                       ChatPromptRenderer renderer, GenAiConfig config, DecoderSignature signature,
                       GenerationLimits limits, long estimatedBytes) {
        this.id = Objects.requireNonNull(id, "id");
        this.environment = environment;
        this.session = session;
        this.tokenizer = tokenizer;
        this.renderer = renderer;
        this.config = config;
        this.signature = signature;
        this.limits = limits;
        this.constraints = new OutputConstraints(signature.vocabSize(), tokenizer::bytesOf, config.eosTokenIds());
        this.estimatedBytes = estimatedBytes;
        this.gate = new CallGate("model " + id);
    }

    @Override
    public ModelId id() {
        return id;
    }

    @Override
    public long estimatedBytes() {
        return estimatedBytes;
    }

    @Override
    public boolean canGenerate() {
        return true;
    }

    @Override
    public boolean canEmbed() {
        return false;
    }

    @Override
    public int countTokens(Prompt prompt) {
        return whileOpen(() -> tokenizer.encode(PromptBound.require(renderer.render(prompt), maxLength(),
                prompt instanceof Prompt.Chat ? "messages" : "prompt")).length);
    }

    @Override
    public Completion generate(Prompt prompt, GenerationParameters parameters, TokenSink sink,
                               CancellationSignal cancel) {
        long start = System.nanoTime();
        return whileOpen(() -> generate(prompt, parameters, sink, cancel, start));
    }

    private <T> T whileOpen(java.util.function.Supplier<T> work) {
        gate.enter();
        try {
            return work.get();
        } finally {
            gate.exit();
        }
    }

    private Completion generate(Prompt prompt, GenerationParameters parameters, TokenSink sink,
                                CancellationSignal cancel, long start) {
        GenerationParameters params = ToolCallFormat.apply(prompt,
                Objects.requireNonNullElse(parameters, GenerationParameters.defaults()));
        CancellationSignal signal = cancel == null ? new CancellationSignal() : cancel;
        signal.throwIfCancelled();
        String promptParam = prompt instanceof Prompt.Chat ? "messages" : "prompt";
        long[] ids = tokenizer.encode(PromptBound.require(renderer.render(prompt), maxLength(), promptParam));
        if (ids.length == 0) {
            throw new InvalidRequestException("the prompt is empty once tokenized", promptParam);
        }
        int maxLength = maxLength();
        if (ids.length >= maxLength) {
            throw new InvalidRequestException("the prompt is " + ids.length + " tokens but model '" + id
                    + "' holds at most " + maxLength + " tokens of prompt and completion together", promptParam);
        }
        int maxNew = params.maxTokens() != null ? params.maxTokens() : maxLength - ids.length;
        // The last token is never fed back, so the cache holds one token less than the longest sequence.
        int capacity = (int) Math.min(maxLength - 1, (long) ids.length + maxNew - 1);
        boolean share = config.search().pastPresentShareBuffer();
        SamplingSettings settings = SamplingSettings.resolve(params, config.search());
        ConstrainedOutput constraint = constraints.start(params.responseFormat());
        TextGeneration generation = new TextGeneration(tokenizer, config.eosTokenIds(), params.stop(),
                sink == null ? TokenSink.DISCARD : sink, signal, () -> closedReason, constraint);
        try (DecoderRun run = new DecoderRun(environment, session, signature, share, capacity)) {
            inFlight.add(run);
            try {
                if (closedReason != null) {
                    run.terminate();
                }
                TextGeneration.Outcome outcome = generation.run(run,
                        new TokenSampler(settings, signature.vocabSize(), constraint), ids, maxNew, maxLength, start);
                limits.observer().finished(outcome.stats());
                return new Completion(id, outcome.text(), outcome.finishReason(),
                        new Usage(outcome.promptTokens(), outcome.completionTokens()), timings(outcome));
            } finally {
                inFlight.remove(run);
            }
        }
    }

    private static Timings timings(TextGeneration.Outcome outcome) {
        return CompletionTimings.decoding(outcome.timeToFirstTokenNanos(), outcome.totalNanos(), outcome.completionTokens());
    }

    /** Prompt plus completion: search.max_length within the context length, and what the cache memory limit allows. */
    int maxLength() {
        long bytesPerToken = 2L * signature.layers() * signature.kvHeads() * signature.headSize()
                * signature.kvType().byteSize();
        long byMemory = Math.max(1, limits.kvCacheBytesPerRequest() / bytesPerToken);
        return (int) Math.min(config.configuredMaxLength(), byMemory);
    }

    @Override
    public void close() {
        if (!gate.shut()) {
            return;
        }
        closedReason = "model " + id + " was unloaded";
        inFlight.forEach(DecoderRun::terminate);
        // A request that had not yet registered its run sees the closed reason and stops itself.
        gate.releaseWhenIdle(() -> {
            session.close();
            tokenizer.close();
        });
    }

    @Override
    public String toString() {
        return "OrtGenerativeModel[" + id + ", " + config.modelType() + ", " + signature.layers() + " layers]";
    }
}
