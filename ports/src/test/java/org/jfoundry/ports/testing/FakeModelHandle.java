package org.jfoundry.ports.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jfoundry.ports.failure.CancelledException;
import org.jfoundry.ports.failure.EngineFailureException;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.ChatMessage;
import org.jfoundry.ports.inference.Completion;
import org.jfoundry.ports.inference.EmbeddingResult;
import org.jfoundry.ports.inference.FinishReason;
import org.jfoundry.ports.inference.GenerationParameters;
import org.jfoundry.ports.inference.Prompt;
import org.jfoundry.ports.inference.Timings;
import org.jfoundry.ports.inference.TokenSink;
import org.jfoundry.ports.inference.Usage;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.out.ModelHandle;
import org.jfoundry.ports.out.ModelLoadSpec;

/** A model "loaded" by {@link FakeInferenceEngine}. */
public final class FakeModelHandle implements ModelHandle {

    private final FakeInferenceEngine engine;
    private final ModelLoadSpec spec;
    private final boolean embedding;
    private final boolean speech;
    private final AtomicBoolean closed = new AtomicBoolean();

    FakeModelHandle(FakeInferenceEngine engine, ModelLoadSpec spec) {
        this.engine = engine;
        this.spec = spec;
        this.embedding = spec.model().isEmbeddingModel();
        this.speech = spec.model().task() != null && spec.model().task().contains("speech-recognition");
    }

    /**
     * The text the fake "sees": raw text as it is, a conversation as one {@code role: content} line per message,
     * then {@code assistant:}.
     */
    public static String render(Prompt prompt) {
        return switch (prompt) {
            case Prompt.Text text -> text.text();
            case Prompt.Chat chat -> {
                StringBuilder out = new StringBuilder();
                for (ChatMessage message : chat.messages()) {
                    out.append(message.role().wireName()).append(": ").append(message.content()).append('\n');
                }
                yield out.append("assistant:").toString();
            }
        };
    }

    /** Whitespace-separated words: the fake's notion of a token count. */
    public static int words(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    }

    /** The vector the fake gives a text: deterministic, unit length. */
    public static float[] vectorFor(String text, int dimension) {
        long seed = 1125899906842597L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            seed = 31 * seed + b;
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[] vector = new float[dimension];
        double norm = 0;
        for (int i = 0; i < dimension; i++) {
            vector[i] = (float) (random.nextDouble() * 2 - 1);
            norm += vector[i] * vector[i];
        }
        float scale = (float) (1 / Math.sqrt(norm == 0 ? 1 : norm));
        for (int i = 0; i < dimension; i++) {
            vector[i] *= scale;
        }
        return vector;
    }

    public ModelLoadSpec spec() {
        return spec;
    }

    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public ModelId id() {
        return spec.model().id();
    }

    @Override
    public long estimatedBytes() {
        return spec.model().sizeBytes();
    }

    @Override
    public boolean canGenerate() {
        return !embedding && !speech;
    }

    @Override
    public boolean canTranscribe() {
        return speech;
    }

    /**
     * Two fixed segments for any WAV file ("RIFF" first), as long as 16 kHz 16-bit mono of its size would last;
     * anything else is refused as an unsupported format, as the real engine does.
     */
    @Override
    public org.jfoundry.ports.inference.Transcription transcribe(
            org.jfoundry.ports.inference.TranscriptionRequest request, CancellationSignal cancel) {
        requireOpen();
        if (!speech) {
            return ModelHandle.super.transcribe(request, cancel);
        }
        byte[] audio = request.audio();
        if (audio.length < 4 || audio[0] != 'R' || audio[1] != 'I' || audio[2] != 'F' || audio[3] != 'F') {
            throw new InvalidRequestException("unsupported audio format: send a WAV file", "file");
        }
        double seconds = audio.length / 32000.0;
        return new org.jfoundry.ports.inference.Transcription(id(), "Hello from the fake recogniser.", "english",
                seconds, List.of(
                new org.jfoundry.ports.inference.Transcription.Segment(0, 0, 0, seconds / 2, " Hello from",
                        List.of(1, 2), request.temperature(), -0.2, 1.1, 0.01),
                new org.jfoundry.ports.inference.Transcription.Segment(1, 0, seconds / 2, seconds,
                        " the fake recogniser.", List.of(3, 4, 5), request.temperature(), -0.3, 1.2, 0.01)));
    }

    @Override
    public boolean canEmbed() {
        return embedding;
    }

    @Override
    public Completion generate(Prompt prompt, GenerationParameters parameters, TokenSink sink, CancellationSignal cancel) {
        requireOpen();
        if (embedding) {
            throw new InvalidRequestException("model '" + id() + "' does not generate text; it is an embedding model",
                    "model");
        }
        CountDownLatch cancelled = new CountDownLatch(1);
        Runnable deregister = cancel.onCancel(cancelled::countDown);
        engine.generationsRunningCounter().incrementAndGet();
        try {
            return new Generation(parameters, sink, cancel, cancelled).run(prompt);
        } finally {
            engine.generationsRunningCounter().decrementAndGet();
            deregister.run();
        }
    }

    @Override
    public EmbeddingResult embed(List<String> inputs, CancellationSignal cancel) {
        requireOpen();
        if (!embedding) {
            throw new InvalidRequestException("model '" + id() + "' does not produce embeddings", "model");
        }
        List<float[]> vectors = new ArrayList<>();
        int tokens = 0;
        for (String input : inputs) {
            cancel.throwIfCancelled();
            vectors.add(vectorFor(input, engine.embeddingDimensionValue()));
            tokens += words(input);
        }
        return new EmbeddingResult(id(), vectors, tokens, List.of());
    }

    @Override
    public int countTokens(Prompt prompt) {
        requireOpen();
        return words(render(prompt));
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            engine.closed(this);
        }
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("fake model handle " + id() + " is closed");
        }
    }

    /** One run of the script: holds back text that may start a stop string so a stop string is never emitted. */
    private final class Generation {
        private final GenerationParameters parameters;
        private final TokenSink sink;
        private final CancellationSignal cancel;
        private final CountDownLatch cancelled;
        private final StringBuilder emitted = new StringBuilder();
        private String pending = "";
        private long firstTokenNanos = -1;

        Generation(GenerationParameters parameters, TokenSink sink, CancellationSignal cancel, CountDownLatch cancelled) {
            this.parameters = parameters;
            this.sink = sink;
            this.cancel = cancel;
            this.cancelled = cancelled;
        }

        Completion run(Prompt prompt) {
            List<String> script = engine.chunks();
            int limit = parameters.maxTokens() == null ? Integer.MAX_VALUE : parameters.maxTokens();
            int produced = 0;
            FinishReason finish = FinishReason.STOP;
            for (String chunk : script) {
                if (produced == engine.holdAfterChunks() && !engine.generationGate().pass(cancelled)) {
                    throw cancelledNow();
                }
                if (produced >= limit) {
                    finish = FinishReason.LENGTH;
                    break;
                }
                pause();
                step();
                produced++;
                if (firstTokenNanos < 0) {
                    firstTokenNanos = System.nanoTime();
                }
                if (offer(chunk)) {
                    break;
                }
            }
            flush();
            long end = System.nanoTime();
            long first = firstTokenNanos < 0 ? end : firstTokenNanos;
            double seconds = (end - first) / 1e9;
            double rate = produced > 1 && seconds > 0 ? (produced - 1) / seconds : 0;
            Timings timings = Timings.decoding(rate);
            return new Completion(id(), emitted.toString(), finish,
                    new Usage(words(render(prompt)), produced), timings);
        }

        /** Adds a chunk; returns true when a stop string ended generation. */
        private boolean offer(String chunk) {
            pending = pending + chunk;
            int stopAt = -1;
            for (String stop : parameters.stop()) {
                int at = pending.indexOf(stop);
                if (at >= 0 && (stopAt < 0 || at < stopAt)) {
                    stopAt = at;
                }
            }
            if (stopAt >= 0) {
                pending = pending.substring(0, stopAt);
                return true;
            }
            int keep = longestSuffixThatStartsAStop();
            send(pending.substring(0, pending.length() - keep));
            pending = pending.substring(pending.length() - keep);
            return false;
        }

        private int longestSuffixThatStartsAStop() {
            int best = 0;
            for (String stop : parameters.stop()) {
                for (int len = Math.min(stop.length() - 1, pending.length()); len > best; len--) {
                    if (pending.endsWith(stop.substring(0, len))) {
                        best = len;
                        break;
                    }
                }
            }
            return best;
        }

        private void flush() {
            send(pending);
            pending = "";
        }

        private void send(String text) {
            if (!text.isEmpty()) {
                emitted.append(text);
                sink.accept(text);
            }
        }

        private void step() {
            if (cancel.isCancelled()) {
                throw cancelledNow();
            }
            if (closed.get()) {
                throw new IllegalStateException("fake model handle " + id() + " was closed during generation");
            }
        }

        private void pause() {
            Duration delay = engine.tokenDelayValue();
            if (delay.isZero()) {
                return;
            }
            try {
                if (cancelled.await(delay.toNanos(), TimeUnit.NANOSECONDS)) {
                    throw cancelledNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineFailureException("interrupted during generation", e);
            }
        }

        private CancelledException cancelledNow() {
            String reason = cancel.reason();
            return new CancelledException(reason == null ? "generation cancelled" : reason);
        }
    }
}
