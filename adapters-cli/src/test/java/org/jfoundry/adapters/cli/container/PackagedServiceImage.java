package org.jfoundry.adapters.cli.container;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfoundry.adapters.ort.testing.MiniLmFolder;
import org.jfoundry.adapters.ort.testmodels.DecoderSpec;
import org.jfoundry.adapters.ort.testmodels.TestDecoders;
import org.jfoundry.ports.settings.EngineChoice;

/**
 * What the container image of the packaged service holds, prepared on the host so that it can be checked where no
 * Docker runs: the service as {@code ./foundry} runs it (this module's classes, which the jar packs, and the runtime
 * class path the build writes for the launcher), the command {@code foundry service start} runs in the background,
 * and a foundry home with a settings file, an empty local catalog (nothing goes online) and a model cache holding a
 * generated decoder and MiniLM.
 */
final class PackagedServiceImage {
    static final String MAIN_CLASS = "org.jfoundry.adapters.cli.boot.Main";
    /** Where the image keeps the class path entries and the foundry home. */
    static final String APP_FOLDER = "app";
    static final String HOME_FOLDER = "foundry";

    static final String CHAT_ALIAS = "tiny-gqa";
    /** Ends the way Foundry's CPU variants do, so the service reads the CPU provider from it. */
    static final String CHAT_ID = "tiny-gqa-generic-cpu:1";
    /** Seeds the decoder's random weights, and the requests to it. */
    static final long SEED = 11;
    static final String EMBEDDING_ALIAS = "all-minilm";
    static final String EMBEDDING_ID = "all-MiniLM-L6-v2:1";
    /** The Java generation loop over ONNX Runtime: GenAI is not in the image, and the test asks for the real ORT engine. */
    static final EngineChoice ENGINE = EngineChoice.ORT;
    static final String CATALOG_SOURCE = "local:catalog.json";

    /** Written by the build (maven-dependency-plugin, runtime scope) before the tests, as foundry.classpath is at package. */
    static final String CLASS_PATH_FILE = "packaged-service.classpath";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PackagedServiceImage() {
    }

    /**
     * The packaged service's class path: this module's classes (the content of target/adapters-cli-*.jar, which is
     * built only after the tests) followed by the runtime dependencies, exactly as the launcher lists them.
     */
    static List<Path> classPath(Path moduleTarget) {
        Path classes = moduleTarget.resolve("classes");
        Path file = moduleTarget.resolve(CLASS_PATH_FILE);
        if (!Files.isDirectory(classes) || !Files.isRegularFile(file)) {
            throw new IllegalStateException("run through Maven: " + classes + " and " + file
                    + " are written by the build before the tests");
        }
        List<Path> entries = new ArrayList<>();
        entries.add(classes.toAbsolutePath());
        try {
            for (String entry : Files.readString(file).trim().split(java.io.File.pathSeparator)) {
                if (!entry.isBlank()) {
                    entries.add(Path.of(entry.trim()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /**
     * Where each class path entry goes in the build context (and, under {@code /}, in the image), in class path order.
     * A number leads each name: sibling modules' class folders are all called {@code classes}.
     */
    static Map<String, Path> imageClassPath(List<Path> classPath) {
        Map<String, Path> placed = new LinkedHashMap<>();
        for (int i = 0; i < classPath.size(); i++) {
            Path entry = classPath.get(i);
            placed.put("%s/%02d-%s".formatted(APP_FOLDER, i, entry.getFileName()), entry);
        }
        return placed;
    }

    /** What {@code foundry service start} runs: the hidden foreground command, with the launcher's native access. */
    static List<String> serviceCommand(String java, List<String> classPath) {
        return List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", String.join(":", classPath), MAIN_CLASS,
                "service", "run");
    }

    /** A whole foundry home: settings listening on {@code host:port}, the empty catalog and the cache. */
    static void writeHome(Path home, String host, int port) {
        writeSettings(home, host, port);
        writeCache(home);
    }

    /**
     * settings.json and the empty catalog beside it. The cache folder is left to its default,
     * {@code $FOUNDRY_HOME/cache/models}, so the same file serves in the image and in a folder on the host.
     */
    static void writeSettings(Path home, String host, int port) {
        ObjectNode settings = JSON.createObjectNode();
        ObjectNode fields = settings.putObject("serviceSettings");
        fields.put("host", host);
        fields.put("port", port);
        fields.put("defaultSecondsForModelTTL", 600);
        fields.put("maxLoadedModels", 4);
        fields.put("intraOpThreads", 1); // a small decoder on a shared machine: one thread is plenty
        fields.put("engine", ENGINE.wireName());
        fields.putArray("catalogSources").add(CATALOG_SOURCE);
        // Bound to all interfaces the Host allowlist is off, so a client outside the container may use any name.
        fields.putArray("allowedHosts");
        try {
            Files.createDirectories(home);
            Files.writeString(home.resolve("catalog.json"), "[]");
            Files.writeString(home.resolve("settings.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(settings));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Foundry's cache layout, {@code <cache>/<Publisher>/<name>-<version>/v<version>/}: the decoder and MiniLM. */
    static Path writeCache(Path home) {
        Path cache = home.resolve("cache").resolve("models");
        try {
            Path decoder = TestDecoders.write(modelFolder(cache, CHAT_ALIAS), DecoderSpec.tinyGqa(SEED), CHAT_ID);
            Path inferenceModel = decoder.resolve("inference_model.json");
            ObjectNode described = (ObjectNode) JSON.readTree(inferenceModel.toFile());
            JSON.writeValue(inferenceModel.toFile(), described.put("Alias", CHAT_ALIAS));

            Path miniLm = Files.createDirectories(modelFolder(cache, "all-MiniLM-L6-v2"));
            for (String file : List.of("model.onnx", "tokenizer.json")) {
                Files.copy(MiniLmFolder.get().resolve(file), miniLm.resolve(file));
            }
            JSON.writeValue(miniLm.resolve("inference_model.json").toFile(), JSON.createObjectNode()
                    .put("Name", EMBEDDING_ID).put("Alias", EMBEDDING_ALIAS).put("Task", "embeddings"));
            return cache;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path modelFolder(Path cache, String name) {
        return cache.resolve("Microsoft").resolve(name + "-1").resolve("v1");
    }
}
