package org.jfoundry.adapters.ort.internal.loading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class BundledLibraryTest {
    @TempDir
    Path nativeDirectory;

    private final BundledLibrary bundled = BundledLibrary.forThisPlatform();

    @Test
    void theLibraryIsExtractedIntoAVersionedDirectoryOnceAndReusedOnTheNextStart() throws Exception {
        BundledLibrary.Extraction first = bundled.extractInto(nativeDirectory);
        BundledLibrary.Extraction second = bundled.extractInto(nativeDirectory);

        assertThat(first.reused()).isFalse();
        assertThat(second.reused()).isTrue();
        assertThat(first.version()).isEqualTo("1.26.0");
        assertThat(first.library()).isEqualTo(nativeDirectory.resolve("onnxruntime-1.26.0/libonnxruntime.so"));
        assertThat(second.library()).isEqualTo(first.library());
        assertThat(sha256(first.library())).isEqualTo(resourceSha256());
        try (var files = Files.list(first.library().getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("tmp").noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void aDamagedExtractionIsReplacedRatherThanLoaded() throws Exception {
        Path library = bundled.extractInto(nativeDirectory).library();
        byte[] damaged = Files.readAllBytes(library);
        damaged[damaged.length / 2] ^= 0x5A; // same size, different content: only the hash tells
        Files.write(library, damaged);

        BundledLibrary.Extraction again = bundled.extractInto(nativeDirectory);

        assertThat(again.reused()).isFalse();
        assertThat(sha256(library)).isEqualTo(resourceSha256());
    }

    @Test
    void aCheckedLibraryIsReusedByItsStampAndAnyWriteToItVoidsTheStamp() throws Exception {
        Path library = bundled.extractInto(nativeDirectory).library();
        Path stamp = library.resolveSibling(BundledLibrary.STAMP_FILE);
        assertThat(Files.readString(stamp)).contains("crc=").contains("ctime=");
        assertThat(bundled.extractInto(nativeDirectory).reused()).isTrue();

        var modified = Files.getLastModifiedTime(library);
        byte[] damaged = Files.readAllBytes(library);
        damaged[damaged.length / 3] ^= 0x5A;
        Files.write(library, damaged);
        Files.setLastModifiedTime(library, modified); // same size and mtime: only the change time tells

        BundledLibrary.Extraction again = bundled.extractInto(nativeDirectory);

        assertThat(again.reused()).isFalse();
        assertThat(sha256(library)).isEqualTo(resourceSha256());
    }

    @Test
    void aGarbledStampMeansAFullCheckAndIsWrittenAgain() throws Exception {
        Path library = bundled.extractInto(nativeDirectory).library();
        Path stamp = library.resolveSibling(BundledLibrary.STAMP_FILE);
        String good = Files.readString(stamp);
        Files.writeString(stamp, "garbage");

        assertThat(bundled.extractInto(nativeDirectory).reused()).as("the hash still matches").isTrue();
        assertThat(Files.readString(stamp)).isEqualTo(good);
    }

    @Test
    void aMissingResourceNamesTheJarAndTheSettingsToUseInstead() {
        BundledLibrary missing = new BundledLibrary(getClass().getClassLoader(), "no/such/libonnxruntime.so");
        assertThatThrownBy(() -> missing.extractInto(nativeDirectory))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("com.microsoft.onnxruntime:onnxruntime")
                .hasMessageContaining("FOUNDRY_ORT_LIBRARY");
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void twoProcessesStartingAtOnceBothGetTheCompleteLibrary() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            processes.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    ExtractInChildProcess.class.getName(), nativeDirectory.toString())
                    .redirectErrorStream(true).start());
        }
        List<String> outputs = new ArrayList<>();
        for (Process process : processes) {
            String output = new String(process.getInputStream().readAllBytes());
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            outputs.add(output.trim());
        }
        String expected = resourceSha256();
        assertThat(outputs).allSatisfy(line -> assertThat(line).endsWith(expected));
        assertThat(sha256(nativeDirectory.resolve("onnxruntime-1.26.0/libonnxruntime.so"))).isEqualTo(expected);
    }

    @Test
    void anExplicitPathWinsOverTheEnvironmentAndTheBundledLibrary() throws IOException {
        Path explicit = Files.writeString(nativeDirectory.resolve("explicit.so"), "x");
        Path fromEnvironment = Files.writeString(nativeDirectory.resolve("env.so"), "y");
        Map<String, String> env = Map.of(LibraryLocation.ENVIRONMENT_VARIABLE, fromEnvironment.toString());

        assertThat(LibraryLocation.choose(explicit, env, nativeDirectory, bundled).library()).isEqualTo(explicit);
        LibraryLocation.Choice choice = LibraryLocation.choose(null, env, nativeDirectory, bundled);
        assertThat(choice.library()).isEqualTo(fromEnvironment);
        assertThat(choice.source()).isEqualTo("FOUNDRY_ORT_LIBRARY");
        assertThat(LibraryLocation.choose(null, Map.of(), nativeDirectory, bundled).source()).startsWith("bundled");
    }

    @Test
    void anExplicitPathThatIsNotAFileIsNamedWithItsOrigin() {
        assertThatThrownBy(() -> LibraryLocation.choose(null,
                Map.of(LibraryLocation.ENVIRONMENT_VARIABLE, "/no/such/libonnxruntime.so"), nativeDirectory, bundled))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("FOUNDRY_ORT_LIBRARY").hasMessageContaining("/no/such/libonnxruntime.so");
    }

    static String resourceSha256() throws Exception {
        try (InputStream in = BundledLibraryTest.class.getClassLoader()
                .getResourceAsStream("ai/onnxruntime/native/linux-x64/libonnxruntime.so")) {
            return sha256(in);
        }
    }

    static String sha256(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        }
    }

    static String sha256(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 16];
        for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
