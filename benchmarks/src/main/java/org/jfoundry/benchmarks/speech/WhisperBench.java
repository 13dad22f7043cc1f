package org.jfoundry.benchmarks.speech;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.jfoundry.adapters.modelimport.ModelConverters;
import org.jfoundry.adapters.ort.OnnxRuntime;
import org.jfoundry.adapters.ort.OrtConfig;
import org.jfoundry.adapters.ort.runtime.LoggingLevel;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.Transcription;
import org.jfoundry.ports.inference.TranscriptionRequest;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.out.ConversionRequest;
import org.jfoundry.ports.out.DownloadListener;
import org.jfoundry.ports.out.ModelHandle;
import org.jfoundry.ports.out.ModelLoadSpec;

/**
 * Whisper speech to text through the ORT engine, the Java side of {@code benchmarks/whisper/compare.sh}: the same
 * clips (WAV files with a {@code .txt} transcript beside each) and the same weights as faster-whisper, greedy decoding.
 * Prints one line per round: word error rate (mean over clips) and real-time factor (processing time over audio time,
 * model already loaded and warmed up on the first clip).
 *
 * <pre>java --enable-native-access=ALL-UNNAMED -cp ... org.jfoundry.benchmarks.speech.WhisperBench
 *     CT2_FOLDER CLIPS_DIR THREADS ROUNDS [LANGUAGE]</pre>
 * LANGUAGE defaults to {@code en}; {@code auto} lets a multilingual model detect it.
 */
public final class WhisperBench {

    private WhisperBench() {
    }

    public static void main(String[] args) throws Exception {
        Path ct2 = Path.of(args[0]);
        Path clips = Path.of(args[1]);
        int threads = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        String language = args.length > 4 ? (args[4].equals("auto") ? null : args[4]) : "en";
        Path work = Path.of("target", "whisper-bench").toAbsolutePath();
        Path converted = work.resolve(ct2.getFileName() + "-onnx");
        if (!Files.isRegularFile(converted.resolve("whisper.json"))) {
            Files.createDirectories(work);
            ModelConverters.ctranslate2Whisper().convert(new ConversionRequest(ct2, converted,
                    ConversionRequest.WeightPrecision.FP32), DownloadListener.IGNORE, new CancellationSignal());
        }
        List<Path> wavs;
        try (Stream<Path> files = Files.list(clips)) {
            wavs = files.filter(f -> f.toString().endsWith(".wav")).sorted().toList();
        }
        OnnxRuntime runtime = OnnxRuntime.start(new OrtConfig(work.resolve("native"), null, Map.of(),
                LoggingLevel.ERROR, threads));
        CachedModel model = new CachedModel(ModelId.parse("whisper-bench:1"), "whisper-bench", converted,
                Files.size(converted.resolve("decoder.onnx.data")), "automatic-speech-recognition", null);
        try (ModelHandle whisper = runtime.inferenceEngine().load(new ModelLoadSpec(model, ExecutionProvider.CPU,
                Map.of(), threads))) {
            Transcription first = transcribe(whisper, Files.readAllBytes(wavs.getFirst()), language); // warm-up
            System.out.printf(Locale.ROOT, "language=%s first clip: %s%n", first.language(), first.text());
            for (int round = 0; round < rounds; round++) {
                double audioSeconds = 0;
                double busySeconds = 0;
                double errors = 0;
                for (Path wav : wavs) {
                    byte[] bytes = Files.readAllBytes(wav);
                    long start = System.nanoTime();
                    Transcription transcription = transcribe(whisper, bytes, language);
                    busySeconds += (System.nanoTime() - start) / 1e9;
                    audioSeconds += transcription.durationSeconds();
                    String reference = Files.readString(Path.of(wav.toString().replace(".wav", ".txt")));
                    errors += wordErrorRate(reference, transcription.text());
                }
                System.out.printf(Locale.ROOT, "jfoundry threads=%d round=%d wer=%.4f rtf=%.4f audio=%.1fs%n", threads,
                        round, errors / wavs.size(), busySeconds / audioSeconds, audioSeconds);
            }
        } finally {
            runtime.close();
        }
    }

    private static Transcription transcribe(ModelHandle whisper, byte[] wav, String language) {
        return whisper.transcribe(new TranscriptionRequest("whisper-bench", wav, language, null, 0, null),
                new CancellationSignal());
    }

    /** Word-level edit distance over the reference's words, after lower-casing and dropping punctuation. */
    static double wordErrorRate(String reference, String hypothesis) {
        List<String> ref = words(reference);
        List<String> hyp = words(hypothesis);
        int[] row = new int[hyp.size() + 1];
        for (int j = 0; j <= hyp.size(); j++) {
            row[j] = j;
        }
        for (int i = 1; i <= ref.size(); i++) {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= hyp.size(); j++) {
                int above = row[j];
                row[j] = Math.min(diagonal + (ref.get(i - 1).equals(hyp.get(j - 1)) ? 0 : 1),
                        Math.min(above, row[j - 1]) + 1);
                diagonal = above;
            }
        }
        return (double) row[hyp.size()] / Math.max(1, ref.size());
    }

    private static List<String> words(String text) {
        return new ArrayList<>(Arrays.stream(text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9' ]", " ")
                .replace("'", "").strip().split("\\s+")).filter(w -> !w.isEmpty()).toList());
    }
}
