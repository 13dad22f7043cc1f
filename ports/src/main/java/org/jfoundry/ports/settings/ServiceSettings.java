package org.jfoundry.ports.settings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jfoundry.ports.failure.InvalidRequestException;

/**
 * Everything the service is configured with. Persisted by a settings adapter; the Foundry-compatible part is
 * {@code serviceSettings{host, port, cacheDirectoryPath, defaultSecondsForModelTTL}}.
 *
 * @param port              0 picks a free port
 * @param apiKey            null: no key is required
 * @param maxLoadedModels   how many models may be loaded at once
 * @param memoryBudgetBytes estimated bytes all loaded models may take together
 * @param engines           per-model engine overrides (model id or alias to choice), beside the global {@code engine}
 * @param ortLibraryPath    an explicit libonnxruntime.so; null: the one extracted from the bundled jar
 * @param genaiLibraryPath  an explicit libonnxruntime-genai.so; null: looked up in the foundry home
 * @param catalogSources    catalog sources in precedence order: {@code foundry}, {@code builtin}, {@code local:<path or url>},
 *                          {@code hf}; default {@code foundry} then {@code builtin}
 * @param allowedHosts      extra Host header values accepted on a loopback bind
 * @param corsOrigins       origins allowed by CORS; empty: CORS off
 */
public record ServiceSettings(
        String host,
        int port,
        Path cacheDirectory,
        Duration defaultTtl,
        String apiKey,
        int maxLoadedModels,
        long memoryBudgetBytes,
        int maxConcurrentRequestsPerModel,
        int queueCapacityPerModel,
        long maxRequestBodyBytes,
        EngineChoice engine,
        Map<String, EngineChoice> engines,
        Path ortLibraryPath,
        Path genaiLibraryPath,
        List<String> catalogSources,
        String catalogRegion,
        List<String> allowedHosts,
        List<String> corsOrigins,
        int intraOpThreads) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 5272;
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(600);

    public ServiceSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(cacheDirectory, "cacheDirectory");
        if (port < 0 || port > 65535) {
            throw new InvalidRequestException("port must be between 0 and 65535, got " + port, "port");
        }
        defaultTtl = Objects.requireNonNullElse(defaultTtl, DEFAULT_TTL);
        if (defaultTtl.isNegative()) {
            throw new InvalidRequestException("defaultSecondsForModelTTL must not be negative", "ttl");
        }
        if (maxLoadedModels < 1) {
            throw new InvalidRequestException("maxLoadedModels must be at least 1", "maxLoadedModels");
        }
        if (memoryBudgetBytes < 1) {
            throw new InvalidRequestException("memoryBudgetBytes must be positive", "memoryBudgetBytes");
        }
        if (maxConcurrentRequestsPerModel < 1 || queueCapacityPerModel < 0) {
            throw new InvalidRequestException("request concurrency must be at least 1 and the queue not negative", "queue");
        }
        engine = Objects.requireNonNullElse(engine, EngineChoice.AUTO);
        engines = engines == null ? Map.of() : Map.copyOf(engines);
        catalogSources = catalogSources == null ? List.of("foundry", "builtin") : List.copyOf(catalogSources);
        catalogRegion = Objects.requireNonNullElse(catalogRegion, "eastus");
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
        corsOrigins = corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
    }

    /** Defaults for a foundry home: cache in {@code <home>/cache/models}, 127.0.0.1:5272, TTL 600 s. */
    public static ServiceSettings defaults(Path foundryHome) {
        return new ServiceSettings(DEFAULT_HOST, DEFAULT_PORT, foundryHome.resolve("cache").resolve("models"), DEFAULT_TTL,
                null, 4, defaultMemoryBudget(), 4, 32, 16L << 20, EngineChoice.AUTO, Map.of(), null, null, List.of("foundry", "builtin"), "eastus",
                List.of(), List.of(), 0);
    }

    /**
     * Three quarters of the machine's physical memory (models live outside the Java heap), at least 1 GiB; the JVM's
     * heap limit stands in where the platform does not report physical memory.
     */
    static long defaultMemoryBudget() {
        long physical = physicalMemoryBytes();
        long basis = physical > 0 ? physical : Runtime.getRuntime().maxMemory();
        return Math.max(1L << 30, basis / 4 * 3);
    }

    /**
     * MemTotal from /proc/meminfo (this is a Linux-first service); 0 where that cannot be read. Cheaper than the
     * platform MBean server, which costs a CLI start a quarter of a second.
     */
    static long physicalMemoryBytes() {
        try (var lines = java.nio.file.Files.lines(Path.of("/proc/meminfo"))) {
            return lines.filter(line -> line.startsWith("MemTotal:"))
                    .map(line -> line.replaceAll("[^0-9]", ""))
                    .filter(digits -> !digits.isEmpty())
                    .mapToLong(kib -> Long.parseLong(kib) * 1024)
                    .findFirst().orElse(0);
        } catch (java.io.IOException | RuntimeException unreadable) {
            return 0;
        }
    }

    public ServiceSettings withPort(int newPort) {
        return with(draft -> draft.port = newPort);
    }

    public ServiceSettings withHost(String newHost) {
        return with(draft -> draft.host = newHost);
    }

    public ServiceSettings withCacheDirectory(Path newCacheDirectory) {
        return with(draft -> draft.cacheDirectory = newCacheDirectory);
    }

    public ServiceSettings withCapacity(int newMaxLoadedModels, long newMemoryBudgetBytes) {
        return with(draft -> {
            draft.maxLoadedModels = newMaxLoadedModels;
            draft.memoryBudgetBytes = newMemoryBudgetBytes;
        });
    }

    public ServiceSettings withQueue(int newMaxConcurrent, int newQueueCapacity) {
        return with(draft -> {
            draft.maxConcurrentRequestsPerModel = newMaxConcurrent;
            draft.queueCapacityPerModel = newQueueCapacity;
        });
    }

    public ServiceSettings withApiKey(String newApiKey) {
        return with(draft -> draft.apiKey = newApiKey);
    }

    public ServiceSettings withDefaultTtl(Duration newDefaultTtl) {
        return with(draft -> draft.defaultTtl = newDefaultTtl);
    }

    public ServiceSettings withEngine(EngineChoice newEngine, Map<String, EngineChoice> newEngines) {
        return with(draft -> {
            draft.engine = newEngine;
            draft.engines = newEngines;
        });
    }

    public ServiceSettings withCatalogSources(List<String> newSources) {
        return with(draft -> draft.catalogSources = newSources);
    }

    public ServiceSettings withNativeLibraries(Path newOrtLibraryPath, Path newGenaiLibraryPath) {
        return with(draft -> {
            draft.ortLibraryPath = newOrtLibraryPath;
            draft.genaiLibraryPath = newGenaiLibraryPath;
        });
    }

    public ServiceSettings withHttp(List<String> newAllowedHosts, List<String> newCorsOrigins, long newMaxRequestBodyBytes) {
        return with(draft -> {
            draft.allowedHosts = newAllowedHosts;
            draft.corsOrigins = newCorsOrigins;
            draft.maxRequestBodyBytes = newMaxRequestBodyBytes;
        });
    }

    /** A copy with some fields changed; the copy validates itself like any other. */
    private ServiceSettings with(java.util.function.Consumer<Draft> change) {
        Draft draft = new Draft(this);
        change.accept(draft);
        return draft.build();
    }

    /** The fields of a settings object, open for change while a copy is made. */
    private static final class Draft {
        String host;
        int port;
        Path cacheDirectory;
        Duration defaultTtl;
        String apiKey;
        int maxLoadedModels;
        long memoryBudgetBytes;
        int maxConcurrentRequestsPerModel;
        int queueCapacityPerModel;
        long maxRequestBodyBytes;
        EngineChoice engine;
        Map<String, EngineChoice> engines;
        Path ortLibraryPath;
        Path genaiLibraryPath;
        List<String> catalogSources;
        String catalogRegion;
        List<String> allowedHosts;
        List<String> corsOrigins;
        int intraOpThreads;

        Draft(ServiceSettings from) {
            host = from.host;
            port = from.port;
            cacheDirectory = from.cacheDirectory;
            defaultTtl = from.defaultTtl;
            apiKey = from.apiKey;
            maxLoadedModels = from.maxLoadedModels;
            memoryBudgetBytes = from.memoryBudgetBytes;
            maxConcurrentRequestsPerModel = from.maxConcurrentRequestsPerModel;
            queueCapacityPerModel = from.queueCapacityPerModel;
            maxRequestBodyBytes = from.maxRequestBodyBytes;
            engine = from.engine;
            engines = from.engines;
            ortLibraryPath = from.ortLibraryPath;
            genaiLibraryPath = from.genaiLibraryPath;
            catalogSources = from.catalogSources;
            catalogRegion = from.catalogRegion;
            allowedHosts = from.allowedHosts;
            corsOrigins = from.corsOrigins;
            intraOpThreads = from.intraOpThreads;
        }

        ServiceSettings build() {
            return new ServiceSettings(host, port, cacheDirectory, defaultTtl, apiKey, maxLoadedModels, memoryBudgetBytes,
                    maxConcurrentRequestsPerModel, queueCapacityPerModel, maxRequestBodyBytes, engine, engines,
                    ortLibraryPath, genaiLibraryPath, catalogSources, catalogRegion, allowedHosts, corsOrigins,
                    intraOpThreads);
        }
    }

    /** The engine for a model: its own override (by id or alias) or the global choice. */
    public EngineChoice engineFor(String modelId, String alias) {
        EngineChoice own = engines.get(modelId);
        if (own == null && alias != null) {
            own = engines.get(alias);
        }
        return own != null ? own : engine;
    }
}
