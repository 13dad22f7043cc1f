package org.jfoundry.adapters.cli.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.jfoundry.adapters.catalog.ModelStores;
import org.jfoundry.adapters.cli.settings.JsonSettingsStore;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.out.CacheScan;
import org.jfoundry.ports.settings.FoundryHome;
import org.jfoundry.ports.settings.ServiceSettings;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The container image's contents, checked without Docker. */
class PackagedServiceImageTest {
    private static final Path TARGET = Path.of("target");
    /**
     * Names that only test-scope artifacts carry: none of them may reach the image. (tribuo is not one: the model
     * converters write ONNX with its protobuf classes.)
     */
    private static final List<String> TEST_ONLY = List.of("test-classes", "-tests.jar", "junit", "assertj",
            "testcontainers", "openai-java", "okhttp", "langchain4j");

    @Test
    @DisplayName("the class path starts with this module's classes and holds the runtime dependencies, native ORT included")
    void theClassPathIsThePackagedOne() throws IOException {
        List<Path> classPath = PackagedServiceImage.classPath(TARGET);

        assertThat(classPath.getFirst()).isEqualTo(TARGET.resolve("classes").toAbsolutePath());
        assertThat(classPath.getFirst().resolve(PackagedServiceImage.MAIN_CLASS.replace('.', '/') + ".class")).isRegularFile();
        assertThat(classPath).allSatisfy(entry -> assertThat(entry).exists());
        Path ort = classPath.stream().filter(p -> p.getFileName().toString().startsWith("onnxruntime-")).findFirst()
                .orElseThrow(() -> new AssertionError("no onnxruntime jar in " + classPath));
        try (ZipFile jar = new ZipFile(ort.toFile())) {
            assertThat(jar.stream().map(e -> e.getName()).filter(name -> name.endsWith("libonnxruntime.so")))
                    .as("the native library the ORT adapter extracts").isNotEmpty();
        }
        for (String module : List.of("ports", "domain", "adapters-ort-ffm", "adapters-catalog", "adapters-rest")) {
            assertThat(classPath).as(module).anyMatch(p -> p.toString().contains(module));
        }
        assertThat(classPath).anyMatch(p -> p.getFileName().toString().startsWith("helidon-webserver-"))
                .anyMatch(p -> p.getFileName().toString().startsWith("jackson-jr-objects-"))
                .noneMatch(p -> p.getFileName().toString().startsWith("picocli-"));
        // picocli is compiled into this module's classes from its sources (see the module's pom).
        assertThat(classPath.getFirst().resolve("picocli/CommandLine.class")).isRegularFile();
    }

    @Test
    @DisplayName("no test-only artifact is on the packaged class path, though this test runs with them")
    void noTestJarReachesTheImage() {
        List<String> classPath = PackagedServiceImage.classPath(TARGET).stream().map(Path::toString).toList();
        String testClassPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));

        for (String marker : TEST_ONLY) {
            assertThat(classPath).as(marker).noneMatch(entry -> entry.contains(marker));
        }
        assertThat(testClassPath).as("the markers name what is really on the test class path")
                .contains("test-classes", "-tests.jar", "junit", "testcontainers", "openai-java");
    }

    @Test
    @DisplayName("each class path entry gets a place of its own under /app, in class path order")
    void everyEntryGetsItsOwnPlace() {
        List<Path> classPath = PackagedServiceImage.classPath(TARGET);

        Map<String, Path> placed = PackagedServiceImage.imageClassPath(classPath);

        assertThat(placed.values()).containsExactlyElementsOf(classPath);
        assertThat(placed.keySet()).hasSize(classPath.size())
                .allSatisfy(name -> assertThat(name).startsWith(PackagedServiceImage.APP_FOLDER + "/"));
        assertThat(placed.keySet().iterator().next()).endsWith("-classes");
    }

    @Test
    @DisplayName("the command is the launcher's: native access, the class path, the main class, 'service run'")
    void theCommandIsTheLaunchers() {
        assertThat(PackagedServiceImage.serviceCommand("java", List.of("/app/00-classes", "/app/01-x.jar")))
                .containsExactly("java", "--enable-native-access=ALL-UNNAMED", "-cp", "/app/00-classes:/app/01-x.jar",
                        PackagedServiceImage.MAIN_CLASS, "service", "run");
    }

    @Test
    @DisplayName("the real settings store reads the settings file: all interfaces, port 5272, ORT, the local catalog only")
    void theSettingsStoreReadsTheSettingsFile(@TempDir Path home) throws IOException {
        PackagedServiceImage.writeSettings(home, "0.0.0.0", 5272);

        ServiceSettings settings = new JsonSettingsStore(new FoundryHome(home)).load();

        assertThat(settings.host()).isEqualTo("0.0.0.0");
        assertThat(settings.port()).isEqualTo(5272);
        assertThat(settings.engine()).isEqualTo(PackagedServiceImage.ENGINE);
        assertThat(settings.catalogSources()).containsExactly(PackagedServiceImage.CATALOG_SOURCE);
        assertThat(settings.allowedHosts()).isEmpty();
        assertThat(settings.cacheDirectory()).as("the default under the home, wherever the home is")
                .isEqualTo(home.resolve("cache").resolve("models"));
        assertThat(Files.readString(home.resolve("catalog.json"))).isEqualTo("[]");
    }

    @Test
    @DisplayName("the cache holds the decoder and MiniLM where the service's model store finds them, and nothing broken")
    void theCacheHoldsBothModels(@TempDir Path home) {
        PackagedServiceImage.writeHome(home, "0.0.0.0", 5272);
        ServiceSettings settings = new JsonSettingsStore(new FoundryHome(home)).load();

        CacheScan scan = ModelStores.create(settings.cacheDirectory()).scan();

        assertThat(scan.corrupt()).isEmpty();
        assertThat(scan.models()).extracting(CachedModel::id).containsExactlyInAnyOrder(
                ModelId.parse(PackagedServiceImage.CHAT_ID), ModelId.parse(PackagedServiceImage.EMBEDDING_ID));
        assertThat(scan.models()).extracting(CachedModel::alias)
                .containsExactlyInAnyOrder(PackagedServiceImage.CHAT_ALIAS, PackagedServiceImage.EMBEDDING_ALIAS);
        assertThat(scan.models()).filteredOn(CachedModel::isEmbeddingModel).extracting(CachedModel::id)
                .containsExactly(ModelId.parse(PackagedServiceImage.EMBEDDING_ID));
    }
}
