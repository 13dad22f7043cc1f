package org.jfoundry.adapters.cli.boot;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jfoundry.adapters.catalog.Catalogs;
import org.jfoundry.adapters.catalog.ModelDownloaders;
import org.jfoundry.adapters.catalog.ModelStores;
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
import org.jfoundry.ports.out.HardwareProbe;
import org.jfoundry.ports.out.InferenceEngine;
import org.jfoundry.ports.out.ModelStore;
import org.jfoundry.ports.settings.FoundryHome;
import org.jfoundry.ports.settings.ServiceSettings;

/**
 * Wires the service: ONNX Runtime (or the engine {@link EngineOverride} names), the catalog, cache and downloader
 * adapters, the core, and the REST server. Stopping runs in the reverse order, with the core closed before the server
 * so in-flight requests are cancelled and answered with an error rather than cut.
 */
final class ServiceAssembly implements ServiceHost {
    private final FoundryHome home;
    private final Map<String, String> environment;

    ServiceAssembly(FoundryHome home, Map<String, String> environment) {
        this.home = home;
        this.environment = Map.copyOf(environment);
    }

    @Override
    public HostedService start(ServiceSettings settings) {
        log("jfoundry " + ManifestVersion.version() + " starting on Java " + Runtime.version()
                + "; foundry home " + home.root() + "; model cache " + settings.cacheDirectory());
        Runtimes runtimes = runtimes(settings);
        SystemClock clock = new SystemClock();
        FoundryCore core = null;
        try {
            core = FoundryCore.builder()
                    .settings(settings)
                    .store(ModelStores.create(settings))
                    .downloader(ModelDownloaders.create(settings, home, environment))
                    .catalogs(Catalogs.fromSettings(settings, home, environment))
                    .engines(runtimes.engines())
                    .hardware(runtimes.hardware())
                    .clock(clock)
                    .build();
            Health health = Health.starting();
            RunningServer server = RestServer.start(core, RestSettings.from(settings, environment), health);
            if (!server.isRunning() || server.port() <= 0) {
                // Helidon logs a bind failure and returns a stopped server rather than throwing.
                server.stop();
                throw new CommandFailure(ExitCode.SERVICE_START_FAILED, "The service could not listen on "
                        + settings.host() + ":" + settings.port() + " (is the port in use?). Choose another with "
                        + "'foundry service set --port <port>'.");
            }
            health.markReady();
            log("listening on " + server.url());
            return new Running(server, core, clock, runtimes.onnxRuntime());
        } catch (RuntimeException e) {
            if (core != null) {
                core.close();
            }
            clock.close();
            runtimes.onnxRuntime().ifPresent(OnnxRuntime::close);
            throw e;
        }
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

    /** The started service; {@link #close()} stops it once. */
    private static final class Running implements HostedService {
        private final RunningServer server;
        private final FoundryCore core;
        private final SystemClock clock;
        private final Optional<OnnxRuntime> onnxRuntime;
        private final AtomicBoolean closed = new AtomicBoolean();

        Running(RunningServer server, FoundryCore core, SystemClock clock, Optional<OnnxRuntime> onnxRuntime) {
            this.server = server;
            this.core = core;
            this.clock = clock;
            this.onnxRuntime = onnxRuntime;
        }

        @Override
        public URI url() {
            return URI.create(server.url());
        }

        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            server.health().markStopping();
            try {
                core.close(); // cancels in-flight generations and unloads every model
            } finally {
                server.stop();
                clock.close();
                onnxRuntime.ifPresent(OnnxRuntime::close);
            }
        }
    }
}
