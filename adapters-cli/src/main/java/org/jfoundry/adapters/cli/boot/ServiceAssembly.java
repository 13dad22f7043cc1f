package org.jfoundry.adapters.cli.boot;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jfoundry.adapters.catalog.Catalogs;
import org.jfoundry.adapters.catalog.DownloadOptions;
import org.jfoundry.adapters.catalog.ModelDownloaders;
import org.jfoundry.adapters.catalog.ModelStores;
import org.jfoundry.adapters.modelimport.ModelConverters;
import org.jfoundry.adapters.cli.CommandFailure;
import org.jfoundry.adapters.cli.ExitCode;
import org.jfoundry.adapters.cli.ManifestVersion;
import org.jfoundry.adapters.cli.ServiceHost;
import org.jfoundry.adapters.ort.OnnxRuntime;
import org.jfoundry.adapters.ort.genai.GenAiEngine;
import org.jfoundry.adapters.rest.Health;
import org.jfoundry.adapters.rest.RestServer;
import org.jfoundry.adapters.rest.RestSettings;
import org.jfoundry.adapters.rest.RunningServer;
import org.jfoundry.domain.FoundryCore;
import org.jfoundry.domain.SystemClock;
import org.jfoundry.ports.failure.EngineFailureException;
import org.jfoundry.ports.out.HardwareProbe;
import org.jfoundry.ports.out.InferenceEngine;
import org.jfoundry.adapters.modelimport.ModelConverters;
import org.jfoundry.ports.out.ModelConverter;
import org.jfoundry.ports.out.ModelStore;
import org.jfoundry.ports.settings.FoundryHome;
import org.jfoundry.ports.settings.ServiceSettings;

/**
 * Wires the service: ONNX Runtime (or the engine {@link EngineOverride} names), the catalog, cache and downloader
 * adapters, the core, and the REST server. The server listens first and the rest starts beside it. Stopping runs in
 * the reverse order, with the core closed before the server so in-flight requests are cancelled and answered with an
 * error rather than cut.
 */
final class ServiceAssembly implements ServiceHost {
    /** How long a request that arrives during start-up waits for the engines; a healthy start takes under a second. */
    static final Duration REQUEST_PATIENCE = Duration.ofSeconds(60);

    private final FoundryHome home;
    private final Map<String, String> environment;

    ServiceAssembly(FoundryHome home, Map<String, String> environment) {
        this.home = home;
        this.environment = Map.copyOf(environment);
    }

    @Override
    public HostedService start(ServiceSettings settings) {
        HostedService service = startListening(settings);
        service.awaitReady();
        return service;
    }

    /**
     * Binds the REST server at once and starts the engines and the core beside it, on their own thread: loading the
     * native runtimes and starting the web server each take a good part of a second, and done one after the other
     * they kept SDKs, which give a started service about a second, waiting. Until the core is up /health answers 503
     * "starting" and requests wait for it ({@link AwaitedCore}).
     */
    @Override
    public HostedService startListening(ServiceSettings settings) {
        log("jfoundry " + ManifestVersion.version() + " starting on Java " + Runtime.version()
                + "; foundry home " + home.root() + "; model cache " + settings.cacheDirectory());
        SystemClock clock = new SystemClock();
        CompletableFuture<Assembled> assembled = CompletableFuture.supplyAsync(() -> assemble(settings, clock),
                task -> Thread.ofPlatform().name("foundry-engines-start").daemon().start(task));
        Health health = Health.starting();
        RunningServer server;
        try {
            server = RestServer.start(new AwaitedCore(assembled.thenApply(Assembled::core), REQUEST_PATIENCE),
                    RestSettings.from(settings, environment), health);
            if (!server.isRunning() || server.port() <= 0) {
                // Helidon logs a bind failure and returns a stopped server rather than throwing.
                server.stop();
                throw new CommandFailure(ExitCode.SERVICE_START_FAILED, "The service could not listen on "
                        + settings.host() + ":" + settings.port() + " (is the port in use?). Choose another with "
                        + "'foundry service set --port <port>'.");
            }
        } catch (RuntimeException e) {
            closeWhenAssembled(assembled, clock);
            throw e;
        }
        log("listening on " + server.url() + "; engines starting");
        Running running = new Running(server, assembled, clock);
        // POST /shutdown: closes a service embedded in this process unless its host says how it stops.
        health.onStopRequest(running::close);
        assembled.whenComplete((parts, failure) -> {
            if (failure == null && running.markReady()) {
                log("ready");
            } else if (failure != null) {
                log("start-up failed: " + unwrap(failure).getMessage());
            }
        });
        return running;
    }

    /** The engines and the core; closes what it opened when a later step fails. */
    private Assembled assemble(ServiceSettings settings, SystemClock clock) {
        Runtimes runtimes = runtimes(settings);
        Map<String, ModelConverter> converters = converters();
        try {
            FoundryCore core = FoundryCore.builder()
                    .settings(settings)
                    .store(ModelStores.create(settings))
                    .downloader(ModelDownloaders.create(settings, home, environment, DownloadOptions.defaults(), converters))
                    .importer(ModelDownloaders.importer(settings, converters))
                    .catalogs(Catalogs.fromSettings(settings, home, environment))
                    .engines(runtimes.engines())
                    .hardware(runtimes.hardware())
                    .clock(clock)
                    .build();
            return new Assembled(core, runtimes.onnxRuntime());
        } catch (RuntimeException e) {
            runtimes.onnxRuntime().ifPresent(OnnxRuntime::close);
            throw e;
        }
    }

    /** The converters built-in catalog entries name, and that {@code foundry model import} tries in this order. */
    private static Map<String, ModelConverter> converters() {
        return Map.of("gguf", ModelConverters.gguf(), "ctranslate2-whisper", ModelConverters.ctranslate2Whisper());
    }

    private static void closeWhenAssembled(CompletableFuture<Assembled> assembled, SystemClock clock) {
        try {
            assembled.join().close();
        } catch (RuntimeException failedAnyway) {
            // nothing was left open: assemble() closes what it opened before failing
        } finally {
            clock.close();
        }
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    @Override
    public ModelStore modelStore(Path cacheDirectory) {
        return ModelStores.create(cacheDirectory);
    }

    @Override
    public List<String> describeRuntime(ServiceSettings settings) {
        Optional<String> override = EngineOverride.requested(environment);
        if (override.isPresent()) {
            return List.of(EngineOverride.VARIABLE + "=" + override.get() + ": models are served by that engine");
        }
        List<String> lines = new ArrayList<>();
        try (OnnxRuntime ort = OnnxRuntime.start(home, settings)) {
            lines.add("ONNX Runtime " + ort.library().version() + " (API " + ort.library().apiVersion() + ") from "
                    + ort.librarySource() + ": " + ort.library().path());
            lines.add("Execution providers: " + ort.hardwareProbe().probe().availableProviders().stream()
                    .map(p -> p.ortName()).sorted().toList());
            ort.hardwareProbe().probe().deviceDescriptions().forEach(d -> lines.add("Device: " + d));
            lines.add(describe(ort.inferenceEngine()));
            lines.add(describe(GenAiEngine.create(settings, home, ort.library().path())));
        } catch (RuntimeException e) {
            lines.add("ONNX Runtime: unavailable: " + e.getMessage());
        }
        return lines;
    }

    private Runtimes runtimes(ServiceSettings settings) {
        Optional<String> override = EngineOverride.requested(environment);
        if (override.isPresent()) {
            InferenceEngine engine = EngineOverride.load(override.get());
            log("engine override " + EngineOverride.VARIABLE + "=" + override.get() + ": " + engine.getClass().getName());
            return new Runtimes(List.of(engine), EngineOverride.cpuOnly(override.get()), Optional.empty());
        }
        OnnxRuntime ort = OnnxRuntime.start(home, settings);
        log("ONNX Runtime " + ort.library().version() + " from " + ort.librarySource());
        GenAiEngine genai = GenAiEngine.create(settings, home, ort.library().path());
        log(describe(ort.inferenceEngine()));
        log(describe(genai));
        return new Runtimes(List.of(genai, ort.inferenceEngine()), ort.hardwareProbe(), Optional.of(ort));
    }

    private static String describe(InferenceEngine engine) {
        return "Engine " + engine.name() + ": " + engine.unavailableReason().map(r -> "unavailable: " + r).orElse("available");
    }

    private static void log(String line) {
        System.out.println(java.time.Instant.now() + " " + line);
    }

    private record Runtimes(List<InferenceEngine> engines, HardwareProbe hardware, Optional<OnnxRuntime> onnxRuntime) {
    }

    /** What starts in the background: the core, and the runtime it must outlive. */
    private record Assembled(FoundryCore core, Optional<OnnxRuntime> onnxRuntime) {
        void close() {
            try {
                core.close(); // cancels in-flight generations and unloads every model
            } finally {
                onnxRuntime.ifPresent(OnnxRuntime::close);
            }
        }
    }

    /** The started service; {@link #close()} stops it once. */
    private static final class Running implements HostedService {
        private final RunningServer server;
        private final CompletableFuture<Assembled> assembled;
        private final SystemClock clock;
        private final AtomicBoolean closed = new AtomicBoolean();

        Running(RunningServer server, CompletableFuture<Assembled> assembled, SystemClock clock) {
            this.server = server;
            this.assembled = assembled;
            this.clock = clock;
        }

        @Override
        public URI url() {
            return URI.create(server.url());
        }

        @Override
        public void stopWhenIdleFor(java.time.Duration timeout) {
            server.stopWhenIdleFor(timeout);
        }

        @Override
        public void onStopRequest(Runnable action) {
            server.health().onStopRequest(action);
        }

        /** Marks /health ready unless the service is already stopping; true when it did. */
        synchronized boolean markReady() {
            if (closed.get()) {
                return false;
            }
            server.health().markReady();
            return true;
        }

        @Override
        public void awaitReady() {
            try {
                assembled.join();
            } catch (CompletionException | CancellationException e) {
                close();
                Throwable cause = unwrap(e);
                throw cause instanceof RuntimeException runtime ? runtime
                        : new EngineFailureException("the service could not start: " + cause.getMessage(), cause);
            }
        }

        @Override
        public void close() {
            synchronized (this) {
                if (!closed.compareAndSet(false, true)) {
                    return;
                }
                server.health().markStopping();
            }
            try {
                // A stop during start-up waits for the engines, so that nothing they opened is left behind.
                closeWhenAssembled(assembled, clock);
            } finally {
                server.stop();
            }
        }
    }
}
