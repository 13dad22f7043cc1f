package org.jfoundry.adapters.ort.genai;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jfoundry.adapters.ort.genai.GenAiLibraryLocator.Location;
import org.jfoundry.ports.settings.FoundryHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenAiLibraryLocatorTest {

    @TempDir
    Path dir;

    private Path file(String name) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "not really a library");
    }

    @Test
    void thePathInSettingsWinsOverEnvironmentAndHome() throws IOException {
        Path configured = file("configured/libonnxruntime-genai.so");
        Path fromEnvironment = file("env/libonnxruntime-genai.so");
        FoundryHome home = new FoundryHome(dir.resolve("home"));
        Files.createDirectories(GenAiLibraryLocator.homeLibrary(home).getParent());
        Files.writeString(GenAiLibraryLocator.homeLibrary(home), "x");

        Location location = GenAiLibraryLocator.locate(configured,
                Map.of(GenAiLibraryLocator.ENVIRONMENT_VARIABLE, fromEnvironment.toString()), home);

        assertThat(location).isEqualTo(new Location.Found(configured, "genaiLibraryPath in settings"));
    }

    @Test
    void theEnvironmentVariableWinsOverTheHome() throws IOException {
        Path fromEnvironment = file("env/libonnxruntime-genai.so");

        Location location = GenAiLibraryLocator.locate(null,
                Map.of(GenAiLibraryLocator.ENVIRONMENT_VARIABLE, fromEnvironment.toString()),
                new FoundryHome(dir.resolve("home")));

        assertThat(location).isEqualTo(new Location.Found(fromEnvironment, GenAiLibraryLocator.ENVIRONMENT_VARIABLE));
    }

    @Test
    void theHomeHoldsItUnderAVersionedNativeFolder() throws IOException {
        FoundryHome home = new FoundryHome(dir.resolve("home"));
        Path library = file("home/native/onnxruntime-genai-0.14.1/libonnxruntime-genai.so");

        assertThat(GenAiLibraryLocator.locate(null, Map.of(), home))
                .isEqualTo(new Location.Found(library, "the foundry home"));
    }

    @Test
    void anExplicitPathThatIsNotAFileIsReportedRatherThanSkipped() throws IOException {
        file("home/native/onnxruntime-genai-0.14.1/libonnxruntime-genai.so");
        Path missing = dir.resolve("nowhere/libonnxruntime-genai.so");

        Location location = GenAiLibraryLocator.locate(null,
                Map.of(GenAiLibraryLocator.ENVIRONMENT_VARIABLE, missing.toString()),
                new FoundryHome(dir.resolve("home")));

        assertThat(location).isInstanceOfSatisfying(Location.Missing.class, m -> assertThat(m.reason())
                .contains(GenAiLibraryLocator.ENVIRONMENT_VARIABLE).contains(missing.toString()));
    }

    @Test
    void withNothingInstalledTheReasonSaysHowToInstallIt() {
        Location location = GenAiLibraryLocator.locate(null, Map.of(), new FoundryHome(dir.resolve("empty-home")));

        assertThat(location).isInstanceOfSatisfying(Location.Missing.class, m -> assertThat(m.reason())
                .contains("fetch-genai.sh").contains("FOUNDRY_GENAI_LIBRARY").contains("empty-home"));
    }
}
