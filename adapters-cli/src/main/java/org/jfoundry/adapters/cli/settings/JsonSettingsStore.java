package org.jfoundry.adapters.cli.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.out.SettingsStore;
import org.jfoundry.ports.settings.EngineChoice;
import org.jfoundry.ports.settings.FoundryHome;
import org.jfoundry.ports.settings.ServiceSettings;

/**
 * The settings file: {@code {"serviceSettings":{host, port, cacheDirectoryPath, defaultSecondsForModelTTL, ...}}}
 * with Foundry Local's four fields first and ours after them. A missing field takes its default; other top-level
 * keys in the file are kept when saving.
 */
public final class JsonSettingsStore implements SettingsStore {
    private static final String SECTION = "serviceSettings";

    private final Path file;
    private final Path home;

    public JsonSettingsStore(FoundryHome home) {
        this.file = home.settingsFile();
        this.home = home.root();
    }

    public Path file() {
        return file;
    }

    @Override
    public ServiceSettings load() {
        ServiceSettings defaults = ServiceSettings.defaults(home);
        if (!Files.exists(file)) {
            return defaults;
        }
        JsonNode s = readFile().path(SECTION);
        try {
            return new ServiceSettings(
                    text(s, "host", defaults.host()),
                    s.path("port").asInt(defaults.port()),
                    s.hasNonNull("cacheDirectoryPath") ? Path.of(s.get("cacheDirectoryPath").asText()) : defaults.cacheDirectory(),
                    s.hasNonNull("defaultSecondsForModelTTL")
                            ? Duration.ofSeconds(s.get("defaultSecondsForModelTTL").asLong()) : defaults.defaultTtl(),
                    text(s, "apiKey", null),
                    s.path("maxLoadedModels").asInt(defaults.maxLoadedModels()),
                    s.path("memoryBudgetBytes").asLong(defaults.memoryBudgetBytes()),
                    s.path("maxConcurrentRequestsPerModel").asInt(defaults.maxConcurrentRequestsPerModel()),
                    s.path("queueCapacityPerModel").asInt(defaults.queueCapacityPerModel()),
                    s.path("maxRequestBodyBytes").asLong(defaults.maxRequestBodyBytes()),
                    s.hasNonNull("engine") ? EngineChoice.parse(s.get("engine").asText()) : defaults.engine(),
                    engines(s.path("engines")),
                    path(s, "ortLibraryPath"),
                    path(s, "genaiLibraryPath"),
                    list(s, "catalogSources", defaults.catalogSources()),
                    text(s, "catalogRegion", defaults.catalogRegion()),
                    list(s, "allowedHosts", defaults.allowedHosts()),
                    list(s, "corsOrigins", defaults.corsOrigins()),
                    s.path("intraOpThreads").asInt(defaults.intraOpThreads()));
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException("settings file " + file + ": " + e.getMessage(), e.param());
        }
    }

    @Override
    public void save(ServiceSettings settings) {
        JsonNode existing = Files.exists(file) ? readFile() : null;
        ObjectNode root = existing instanceof ObjectNode object ? object : Json.MAPPER.createObjectNode();
        root.set(SECTION, toJson(settings));
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), "settings", ".tmp");
            Files.writeString(temporary, Json.MAPPER.writeValueAsString(root) + System.lineSeparator(), StandardCharsets.UTF_8);
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the settings file " + file, e);
        }
    }

    /** The settings as the file shows them, for {@code service set --show}. */
    public static String render(ServiceSettings settings) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.set(SECTION, toJson(settings));
        try {
            return Json.MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode toJson(ServiceSettings s) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("host", s.host());
        o.put("port", s.port());
        o.put("cacheDirectoryPath", s.cacheDirectory().toString());
        o.put("defaultSecondsForModelTTL", s.defaultTtl().toSeconds());
        o.put("apiKey", s.apiKey());
        o.put("maxLoadedModels", s.maxLoadedModels());
        o.put("memoryBudgetBytes", s.memoryBudgetBytes());
        o.put("maxConcurrentRequestsPerModel", s.maxConcurrentRequestsPerModel());
        o.put("queueCapacityPerModel", s.queueCapacityPerModel());
        o.put("maxRequestBodyBytes", s.maxRequestBodyBytes());
        o.put("engine", s.engine().wireName());
        ObjectNode engines = o.putObject("engines");
        s.engines().forEach((model, choice) -> engines.put(model, choice.wireName()));
        o.put("ortLibraryPath", s.ortLibraryPath() == null ? null : s.ortLibraryPath().toString());
        o.put("genaiLibraryPath", s.genaiLibraryPath() == null ? null : s.genaiLibraryPath().toString());
        s.catalogSources().forEach(o.putArray("catalogSources")::add);
        o.put("catalogRegion", s.catalogRegion());
        s.allowedHosts().forEach(o.putArray("allowedHosts")::add);
        s.corsOrigins().forEach(o.putArray("corsOrigins")::add);
        o.put("intraOpThreads", s.intraOpThreads());
        return o;
    }

    private JsonNode readFile() {
        try {
            return Json.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("settings file " + file + " is not valid JSON: "
                    + e.getOriginalMessage(), "settings");
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the settings file " + file, e);
        }
    }

    private static String text(JsonNode node, String field, String fallback) {
        return node.hasNonNull(field) ? node.get(field).asText() : fallback;
    }

    private static Path path(JsonNode node, String field) {
        return node.hasNonNull(field) ? Path.of(node.get(field).asText()) : null;
    }

    private static List<String> list(JsonNode node, String field, List<String> fallback) {
        return node.has(field) && node.get(field).isArray() ? collect(node.get(field), JsonNode::asText) : fallback;
    }

    private static Map<String, EngineChoice> engines(JsonNode node) {
        Map<String, EngineChoice> engines = new LinkedHashMap<>();
        node.properties().forEach(e -> engines.put(e.getKey(), EngineChoice.parse(e.getValue().asText())));
        return engines;
    }

    private static <T> List<T> collect(JsonNode array, Function<JsonNode, T> each) {
        List<T> values = new ArrayList<>();
        array.forEach(v -> values.add(each.apply(v)));
        return values;
    }

    /** Jackson is loaded on first use only: commands that never touch settings (service status) must stay light. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
}
