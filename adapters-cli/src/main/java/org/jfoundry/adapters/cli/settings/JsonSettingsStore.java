package org.jfoundry.adapters.cli.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.jr.ob.JSON;
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
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.out.SettingsStore;
import org.jfoundry.ports.settings.EngineChoice;
import org.jfoundry.ports.settings.FoundryHome;
import org.jfoundry.ports.settings.ServiceSettings;

/**
 * The settings file: {@code {"serviceSettings":{host, port, cacheDirectoryPath, defaultSecondsForModelTTL, ...}}}
 * with Foundry Local's four fields first and ours after them. A missing field takes its default; other top-level
 * keys in the file are kept when saving. Read and written with jackson-jr, as every command reads it: a databind
 * ObjectMapper costs a short command about 40 ms to start.
 */
public final class JsonSettingsStore implements SettingsStore {
    private static final String SECTION = "serviceSettings";
    private static final JSON JSON_FILE =
            JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT, JSON.Feature.WRITE_NULL_PROPERTIES);

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
        Map<String, Object> s = object(readFile().get(SECTION));
        try {
            return new ServiceSettings(
                    text(s, "host", defaults.host()),
                    (int) number(s, "port", defaults.port()),
                    s.get("cacheDirectoryPath") != null ? path(s, "cacheDirectoryPath") : defaults.cacheDirectory(),
                    s.get("defaultSecondsForModelTTL") != null
                            ? Duration.ofSeconds(number(s, "defaultSecondsForModelTTL", 0)) : defaults.defaultTtl(),
                    text(s, "apiKey", null),
                    (int) number(s, "maxLoadedModels", defaults.maxLoadedModels()),
                    number(s, "memoryBudgetBytes", defaults.memoryBudgetBytes()),
                    (int) number(s, "maxConcurrentRequestsPerModel", defaults.maxConcurrentRequestsPerModel()),
                    (int) number(s, "queueCapacityPerModel", defaults.queueCapacityPerModel()),
                    number(s, "maxRequestBodyBytes", defaults.maxRequestBodyBytes()),
                    s.get("engine") != null ? EngineChoice.parse(text(s, "engine", null)) : defaults.engine(),
                    engines(object(s.get("engines"))),
                    path(s, "ortLibraryPath"),
                    path(s, "genaiLibraryPath"),
                    list(s, "catalogSources", defaults.catalogSources()),
                    text(s, "catalogRegion", defaults.catalogRegion()),
                    list(s, "allowedHosts", defaults.allowedHosts()),
                    list(s, "corsOrigins", defaults.corsOrigins()),
                    (int) number(s, "intraOpThreads", defaults.intraOpThreads()));
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException("settings file " + file + ": " + e.getMessage(), e.param());
        }
    }

    @Override
    public void save(ServiceSettings settings) {
        Map<String, Object> root = Files.exists(file) ? readFile() : new LinkedHashMap<>();
        root.put(SECTION, fields(settings));
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), "settings", ".tmp");
            Files.writeString(temporary, JSON_FILE.asString(root) + System.lineSeparator(), StandardCharsets.UTF_8);
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
        try {
            return JSON_FILE.asString(Map.of(SECTION, fields(settings)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> fields(ServiceSettings s) {
        Map<String, Object> o = new LinkedHashMap<>();
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
        Map<String, Object> engines = new LinkedHashMap<>();
        s.engines().forEach((model, choice) -> engines.put(model, choice.wireName()));
        o.put("engines", engines);
        o.put("ortLibraryPath", s.ortLibraryPath() == null ? null : s.ortLibraryPath().toString());
        o.put("genaiLibraryPath", s.genaiLibraryPath() == null ? null : s.genaiLibraryPath().toString());
        o.put("catalogSources", s.catalogSources());
        o.put("catalogRegion", s.catalogRegion());
        o.put("allowedHosts", s.allowedHosts());
        o.put("corsOrigins", s.corsOrigins());
        o.put("intraOpThreads", s.intraOpThreads());
        return o;
    }

    private Map<String, Object> readFile() {
        Object root;
        try {
            root = JSON.std.anyFrom(Files.readString(file, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("settings file " + file + " is not valid JSON: "
                    + e.getOriginalMessage(), "settings");
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the settings file " + file, e);
        }
        return new LinkedHashMap<>(object(root));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static String text(Map<String, Object> node, String field, String fallback) {
        Object value = node.get(field);
        return value != null ? String.valueOf(value) : fallback;
    }

    /** A number, or text that reads as one (as hand-written files have); otherwise the fallback. */
    private static long number(Map<String, Object> node, String field, long fallback) {
        return switch (node.get(field)) {
            case Number number -> number.longValue();
            case String text -> {
                try {
                    yield Long.parseLong(text.strip());
                } catch (NumberFormatException notANumber) {
                    yield fallback;
                }
            }
            case null, default -> fallback;
        };
    }

    private static Path path(Map<String, Object> node, String field) {
        String text = text(node, field, null);
        return text != null ? Path.of(text) : null;
    }

    private static List<String> list(Map<String, Object> node, String field, List<String> fallback) {
        if (!(node.get(field) instanceof List<?> values)) {
            return fallback;
        }
        List<String> texts = new ArrayList<>();
        values.forEach(value -> texts.add(String.valueOf(value)));
        return texts;
    }

    private static Map<String, EngineChoice> engines(Map<String, Object> node) {
        Map<String, EngineChoice> engines = new LinkedHashMap<>();
        node.forEach((model, choice) -> engines.put(model, EngineChoice.parse(String.valueOf(choice))));
        return engines;
    }
}
