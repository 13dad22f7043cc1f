package org.jfoundry.adapters.cli.service;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.jfoundry.adapters.cli.CommandEntry;
import org.jfoundry.adapters.cli.CommandSpecs;
import org.jfoundry.adapters.cli.CliEnvironment;
import org.jfoundry.adapters.cli.CommandFailure;
import org.jfoundry.adapters.cli.ExitCode;
import org.jfoundry.adapters.cli.settings.JsonSettingsStore;
import org.jfoundry.ports.settings.EngineChoice;
import org.jfoundry.ports.settings.ServiceSettings;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code foundry service set}: changes the persisted settings; a running service is restarted so that a change of
 * address or cache takes effect.
 */
final class SetCommand implements Callable<Integer> {
    static final CommandEntry ENTRY = CommandEntry.of("set", environment -> new SetCommand(environment).spec);

    private final CliEnvironment environment;
    final CommandSpec spec;
    Integer port;
    String host;
    Path cacheDirectory;
    Long ttlSeconds;
    String engine;
    String apiKey;
    boolean insecure;
    boolean show;

    SetCommand(CliEnvironment environment) {
        this.environment = environment;
        this.spec = CommandSpecs.command(this, "Change the service settings.");
        spec.addOption(CommandSpecs.option(Integer.class, () -> port, v -> port = v, "--port").paramLabel("PORT")
                .description("Port to listen on (0 picks a free one).").build());
        spec.addOption(CommandSpecs.option(String.class, () -> host, v -> host = v, "--host").paramLabel("HOST")
                .description("Address to listen on, such as 127.0.0.1.").build());
        spec.addOption(CommandSpecs.option(Path.class, () -> cacheDirectory, v -> cacheDirectory = v, "--cachedir")
                .paramLabel("DIR").description("Folder of the model cache.").build());
        spec.addOption(CommandSpecs.option(Long.class, () -> ttlSeconds, v -> ttlSeconds = v, "--ttl")
                .paramLabel("SECONDS").description("Default seconds an idle model stays loaded (0: forever).").build());
        spec.addOption(CommandSpecs.option(String.class, () -> engine, v -> engine = v, "--engine")
                .paramLabel("auto|genai|ort")
                .description("Engine for text models: auto (GenAI where it can run the model, else the Java loop "
                        + "over ONNX Runtime), genai, or ort. Per-model choices stay.").build());
        spec.addOption(CommandSpecs.option(String.class, () -> apiKey, v -> apiKey = v, "--api-key").paramLabel("KEY")
                .description("Key clients must send as 'Authorization: Bearer KEY'.").build());
        spec.addOption(CommandSpecs.flag(() -> insecure, v -> insecure = v, "--insecure")
                .description("Allow listening beyond loopback without an API key.").build());
        spec.addOption(CommandSpecs.flag(() -> show, v -> show = v, "--show")
                .description("Print the settings (after any change).").build());
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ServiceSettings before = environment.settings().load();
        ServiceSettings after = before;
        if (port != null) {
            after = after.withPort(port);
        }
        if (host != null) {
            after = after.withHost(host.trim());
        }
        if (apiKey != null) {
            after = after.withApiKey(apiKey.isBlank() ? null : apiKey.trim());
        }
        if (cacheDirectory != null) {
            after = after.withCacheDirectory(cacheDirectory.toAbsolutePath().normalize());
        }
        if (ttlSeconds != null) {
            after = after.withDefaultTtl(Duration.ofSeconds(ttlSeconds));
        }
        if (engine != null) {
            after = after.withEngine(EngineChoice.parse(engine), after.engines());
        }
        if (!after.equals(before) && !Loopback.isLoopback(after.host())) {
            guardExposure(after, out);
        }
        if (!after.equals(before)) {
            environment.settings().save(after);
            out.println("💾 Settings saved.");
            Restart.restartIfRunning(environment, out);
        } else if (!show) {
            out.println("Nothing to change. Use --port, --host, --cachedir, --ttl, --engine or --api-key, or --show to see the"
                    + " settings.");
        }
        if (show) {
            out.println(JsonSettingsStore.render(after));
        }
        return ExitCode.OK;
    }

    /**
     * Beyond loopback any machine that reaches the address can drive the service, and the Host guard against DNS
     * rebinding is off there; so a key is required, unless the user says in so many words that none is wanted.
     */
    private void guardExposure(ServiceSettings after, PrintWriter out) {
        if (after.apiKey() == null && !insecure) {
            throw new CommandFailure(ExitCode.USAGE, "Listening on " + after.host() + " exposes the service to other"
                    + " machines; set a key with --api-key KEY (or pass --insecure to run without one)");
        }
        out.println("⚠️  The service will listen on " + after.host() + ", reachable from other machines"
                + (after.apiKey() == null ? ", with no API key: anyone who can reach it can use it." : "; clients need the API key."));
    }
}
