package org.jfoundry.adapters.ort.speech;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.Deflater;
import org.jfoundry.adapters.ort.runtime.ElementType;
import org.jfoundry.adapters.ort.runtime.OrtEnvironment;
import org.jfoundry.adapters.ort.runtime.RunOptions;
import org.jfoundry.adapters.ort.runtime.RunOutputs;
import org.jfoundry.adapters.ort.runtime.Session;
import org.jfoundry.adapters.ort.runtime.Value;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.Transcription;
import org.jfoundry.ports.inference.TranscriptionRequest;
import org.jfoundry.ports.model.ModelId;

/**
 * One transcription: the audio's log-mel spectrogram (padded with 30 s of silence, as Whisper does) is read in
 * 30-second windows; each window is encoded once, then decoded token by token with the self-attention cache and
 * Whisper's timestamp rules, and split into timed segments; the next window starts where the last complete segment
 * ended. A window the model finds silent (no-speech probability above 0.6 with a mean log probability below -1) adds
 * no segment. Decoding is conditioned on the request's prompt, not on the previous windows' text.
 */
final class WhisperTranscriber {

    static final int WINDOW_FRAMES = 3000;
    private static final double SECONDS_PER_FRAME = (double) LogMelSpectrogram.HOP / LogMelSpectrogram.SAMPLE_RATE;
    private static final double SECONDS_PER_TIMESTAMP = 0.02;
    private static final int MAX_SAMPLED_TOKENS = 224;
    private static final int MAX_PROMPT_TOKENS = 223;
    private static final double NO_SPEECH_THRESHOLD = 0.6;
    private static final double LOGPROB_THRESHOLD = -1.0;

    private final WhisperSettings settings;
    private final Session encoder;
    private final Session decoder;
    private final HuggingFaceTokenizer tokenizer;
    private final OrtEnvironment environment;
    private final LogMelSpectrogram logMel;
    private final RunOptions run;
    private final CancellationSignal cancel;
    private final TimestampRules rules;

    WhisperTranscriber(WhisperSettings settings, Session encoder, Session decoder, HuggingFaceTokenizer tokenizer,
                       OrtEnvironment environment, LogMelSpectrogram logMel, RunOptions run,
                       CancellationSignal cancel) {
        this.settings = settings;
        this.encoder = encoder;
        this.decoder = decoder;
        this.tokenizer = tokenizer;
        this.environment = environment;
        this.logMel = logMel;
        this.run = run;
        this.cancel = cancel;
        this.rules = new TimestampRules(settings);
    }

    /** What one window decoded to. */
    private record WindowResult(List<Integer> tokens, int language, double avgLogprob, double noSpeechProb) {
    }

    Transcription transcribe(ModelId model, MonoAudio audio, TranscriptionRequest request) {
        float[] samples = audio.samples();
        LogMel mel = logMel.compute(Arrays.copyOf(samples, samples.length + LogMelSpectrogram.SAMPLE_RATE * 30));
        int contentFrames = samples.length / LogMelSpectrogram.HOP;
        int language = languageToken(request.language());
        long[] prompt = promptTokens(request.prompt());
        List<Transcription.Segment> segments = new ArrayList<>();
        int seek = 0;
        while (seek < contentFrames) {
            cancel.throwIfCancelled();
            int windowFrames = Math.min(WINDOW_FRAMES, contentFrames - seek);
            WindowResult window = decodeWindow(mel.window(seek, windowFrames, WINDOW_FRAMES), language, prompt,
                    request.temperature());
            language = window.language();
            boolean silent = window.noSpeechProb() > NO_SPEECH_THRESHOLD && window.avgLogprob() < LOGPROB_THRESHOLD;
            if (silent) {
                seek += windowFrames;
                continue;
            }
            WindowTokens.Split split = WindowTokens.split(window.tokens(), settings.timestampBegin(), windowFrames);
            double offset = seek * SECONDS_PER_FRAME;
            for (WindowTokens.Piece piece : split.pieces()) {
                String text = decode(piece.textTokens());
                // Milliseconds, never past the audio's end (rounding could pass it by a fraction).
                double end = Math.min(audio.seconds(), round(offset + piece.endStep() * SECONDS_PER_TIMESTAMP));
                double start = Math.min(end, round(offset + piece.startStep() * SECONDS_PER_TIMESTAMP));
                segments.add(new Transcription.Segment(segments.size(), seek, start, end, text,
                        piece.textTokens(), request.temperature(), window.avgLogprob(), compressionRatio(text),
                        window.noSpeechProb()));
            }
            seek += split.framesConsumed();
        }
        StringBuilder text = new StringBuilder();
        segments.forEach(segment -> text.append(segment.text()));
        return new Transcription(model, text.toString().strip(), languageName(language), audio.seconds(), segments);
    }

    private WindowResult decodeWindow(float[] window, int language, long[] prompt, double temperature) {
        try (Value mel = environment.tensor(window, 1, settings.melBins(), WINDOW_FRAMES);
             RunOutputs cross = encoder.run(run, Map.of("mel", mel));
             DecoderState state = new DecoderState(cross)) {
            long[] first = Arrays.copyOf(prompt, prompt.length + 1);
            first[prompt.length] = settings.sot();
            float[] logits = state.step(first);
            double noSpeechProb = settings.noSpeech() >= 0 ? softmax(logits)[settings.noSpeech()] : 0;
            if (settings.multilingual()) {
                if (language < 0) {
                    language = likeliestLanguage(logits);
                }
                logits = state.step(new long[] {language, settings.transcribe()});
            }
            List<Integer> sampled = new ArrayList<>();
            double logprobSum = 0;
            int budget = Math.min(MAX_SAMPLED_TOKENS, settings.maxTargetPositions() - first.length - 2);
            while (true) {
                cancel.throwIfCancelled();
                rules.apply(logits, sampled);
                int token = temperature > 0 ? sample(logits, temperature) : argmax(logits);
                logprobSum += logSoftmaxAt(logits, token);
                if (token == settings.eot() || sampled.size() >= budget) {
                    break;
                }
                sampled.add(token);
                logits = state.step(new long[] {token});
            }
            return new WindowResult(sampled, language, logprobSum / (sampled.size() + 1), noSpeechProb);
        }
    }

    /** The decoder's self-attention cache between steps: the previous run's outputs, or empty tensors at first. */
    private final class DecoderState implements AutoCloseable {
        private final Map<String, Value> feeds = new HashMap<>();
        private final List<Value> empty = new ArrayList<>();
        private RunOutputs previous;

        DecoderState(RunOutputs cross) {
            for (String name : cross.names()) {
                feeds.put(name, cross.get(name));
            }
            for (int i = 0; i < settings.decoderLayers(); i++) {
                for (String kind : new String[] {"key", "value"}) {
                    Value value = environment.allocate(ElementType.FLOAT, 1, settings.heads(), 0, settings.headSize());
                    empty.add(value);
                    feeds.put("past." + i + "." + kind, value);
                }
            }
        }

        float[] step(long[] tokens) {
            try (Value ids = environment.tensor(tokens, 1, tokens.length)) {
                feeds.put("input_ids", ids);
                RunOutputs outputs = decoder.run(run, feeds);
                releasePast();
                previous = outputs;
                for (int i = 0; i < settings.decoderLayers(); i++) {
                    feeds.put("past." + i + ".key", outputs.get("present." + i + ".key"));
                    feeds.put("past." + i + ".value", outputs.get("present." + i + ".value"));
                }
                return outputs.get("logits").toFloatArray();
            }
        }

        private void releasePast() {
            if (previous != null) {
                previous.close();
            }
            empty.forEach(Value::close);
            empty.clear();
        }

        @Override
        public void close() {
            releasePast();
        }
    }

    private int languageToken(String code) {
        if (!settings.multilingual()) {
            if (code != null && !code.equals("en")) {
                throw new InvalidRequestException("this Whisper model is English-only; it cannot transcribe '"
                        + code + "'", "language");
            }
            return -1;
        }
        if (code == null) {
            return -1;
        }
        Integer token = settings.languages().get(code);
        if (token == null) {
            throw new InvalidRequestException("Whisper does not know the language '" + code + "'", "language");
        }
        return token;
    }

    /** The language's English name in lower case, as OpenAI's {@code verbose_json} gives it ("english"). */
    private String languageName(int token) {
        if (!settings.multilingual()) {
            return "english";
        }
        return settings.languages().entrySet().stream().filter(e -> e.getValue() == token)
                .map(e -> java.util.Locale.forLanguageTag(e.getKey()).getDisplayLanguage(java.util.Locale.ENGLISH)
                        .toLowerCase(java.util.Locale.ROOT))
                .findFirst().orElse("unknown");
    }

    private int likeliestLanguage(float[] logits) {
        int best = -1;
        for (int token : settings.languages().values()) {
            if (best < 0 || logits[token] > logits[best]) {
                best = token;
            }
        }
        if (best < 0) {
            throw new InvalidRequestException("this Whisper model lists no languages; name one", "language");
        }
        return best;
    }

    /** {@code <|startofprev|>} and the prompt's last tokens, or nothing without a prompt. */
    private long[] promptTokens(String prompt) {
        if (prompt == null || prompt.isBlank()) {
            return new long[0];
        }
        long[] ids = tokenizer.encode(" " + prompt.strip(), false, false).getIds();
        long[] kept = Arrays.copyOfRange(ids, Math.max(0, ids.length - MAX_PROMPT_TOKENS), ids.length);
        long[] out = new long[kept.length + 1];
        out[0] = settings.sotPrev();
        System.arraycopy(kept, 0, out, 1, kept.length);
        return out;
    }

    private String decode(List<Integer> tokens) {
        long[] ids = tokens.stream().mapToLong(Integer::longValue).toArray();
        return tokenizer.decode(ids, true);
    }

    private static double compressionRatio(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0) {
            return 0;
        }
        Deflater deflater = new Deflater();
        try {
            deflater.setInput(bytes);
            deflater.finish();
            byte[] buffer = new byte[bytes.length + 64];
            int compressed = deflater.deflate(buffer);
            return (double) bytes.length / compressed;
        } finally {
            deflater.end();
        }
    }

    private static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }

    private static int sample(float[] logits, double temperature) {
        float[] scaled = logits.clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] = (float) (scaled[i] / temperature);
        }
        double[] p = softmax(scaled);
        double r = ThreadLocalRandom.current().nextDouble();
        for (int i = 0; i < p.length; i++) {
            r -= p[i];
            if (r <= 0) {
                return i;
            }
        }
        return argmax(logits);
    }

    private static double[] softmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float logit : logits) {
            max = Math.max(max, logit);
        }
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            p[i] = Math.exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    private static double logSoftmaxAt(float[] logits, int index) {
        double max = Double.NEGATIVE_INFINITY;
        for (float logit : logits) {
            max = Math.max(max, logit);
        }
        double sum = 0;
        for (float logit : logits) {
            sum += Math.exp(logit - max);
        }
        return logits[index] - max - Math.log(sum);
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
