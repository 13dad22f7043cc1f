package org.jfoundry.adapters.ort.speech;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jfoundry.adapters.ort.internal.lifecycle.CallGate;
import org.jfoundry.adapters.ort.runtime.OrtEnvironment;
import org.jfoundry.adapters.ort.runtime.OrtException;
import org.jfoundry.adapters.ort.runtime.RunOptions;
import org.jfoundry.adapters.ort.runtime.Session;
import org.jfoundry.ports.failure.CancelledException;
import org.jfoundry.ports.failure.EngineFailureException;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.Prompt;
import org.jfoundry.ports.inference.Transcription;
import org.jfoundry.ports.inference.TranscriptionRequest;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.out.ModelHandle;

/** A loaded Whisper model: its encoder and decoder sessions, tokenizer and settings. Thread-safe. */
final class WhisperModel implements ModelHandle {

    private final ModelId id;
    private final WhisperSettings settings;
    private final Session encoder;
    private final Session decoder;
    private final HuggingFaceTokenizer tokenizer;
    private final OrtEnvironment environment;
    private final LogMelSpectrogram logMel;
    private final long estimatedBytes;
    private final CallGate gate;

    WhisperModel(ModelId id, Path folder, WhisperSettings settings, Session encoder, Session decoder,
                 HuggingFaceTokenizer tokenizer, OrtEnvironment environment) {
        this.id = id;
        this.settings = settings;
        this.encoder = encoder;
        this.decoder = decoder;
        this.tokenizer = tokenizer;
        this.environment = environment;
        this.logMel = new LogMelSpectrogram(settings.melBins());
        this.estimatedBytes = sizeOf(folder.resolve("encoder.onnx.data")) + sizeOf(folder.resolve("decoder.onnx.data"));
        this.gate = new CallGate("Whisper model " + id);
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
        return false;
    }

    @Override
    public boolean canEmbed() {
        return false;
    }

    @Override
    public boolean canTranscribe() {
        return true;
    }

    @Override
    public Transcription transcribe(TranscriptionRequest request, CancellationSignal cancel) {
        gate.enter();
        try {
            return transcribeOpen(request, cancel);
        } finally {
            gate.exit();
        }
    }

    private Transcription transcribeOpen(TranscriptionRequest request, CancellationSignal cancel) {
        MonoAudio audio = AudioFiles.decode(request.audio()).resampledTo(LogMelSpectrogram.SAMPLE_RATE);
        try (RunOptions run = environment.newRunOptions()) {
            Runnable unregister = cancel.onCancel(run::terminate);
            try {
                return new WhisperTranscriber(settings, encoder, decoder, tokenizer, environment, logMel, run, cancel)
                        .transcribe(id, audio, request);
            } finally {
                unregister.run();
            }
        } catch (OrtException e) {
            if (cancel.isCancelled()) {
                throw new CancelledException(cancel.reason());
            }
            throw new EngineFailureException("Whisper failed on " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int countTokens(Prompt prompt) {
        throw new InvalidRequestException("model '" + id + "' transcribes audio; it does not count prompt tokens",
                "model");
    }

    @Override
    public void close() {
        gate.close(() -> {
            decoder.close();
            encoder.close();
            tokenizer.close();
        });
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
