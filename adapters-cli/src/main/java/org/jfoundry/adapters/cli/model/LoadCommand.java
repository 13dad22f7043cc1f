package org.jfoundry.adapters.cli.model;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.jfoundry.adapters.cli.CommandEntry;
import org.jfoundry.adapters.cli.CommandSpecs;
import org.jfoundry.adapters.cli.CliEnvironment;
import org.jfoundry.adapters.cli.ExitCode;
import org.jfoundry.ports.in.ResolvedModel;
import org.jfoundry.adapters.cli.client.ServiceClient;
import org.jfoundry.ports.failure.ModelNotCachedException;
import org.jfoundry.ports.model.ExecutionProvider;
import picocli.CommandLine.Model.CommandSpec;

/** {@code foundry model load <model> [--ttl S]}: loads a downloaded model into the service. */
final class LoadCommand implements Callable<Integer> {
    static final CommandEntry ENTRY = CommandEntry.of("load", environment -> new LoadCommand(environment).spec);

    private final CliEnvironment environment;
    final CommandSpec spec;
    String model;
    Long ttlSeconds;
    String provider;

    LoadCommand(CliEnvironment environment) {
        this.environment = environment;
        this.spec = CommandSpecs.command(this, "Load a downloaded model into the service.");
        spec.addPositional(CommandSpecs.parameter("0", String.class, () -> model, v -> model = v).paramLabel("MODEL")
                .description("Alias or model id.").build());
        spec.addOption(CommandSpecs.option(Long.class, () -> ttlSeconds, v -> ttlSeconds = v, "--ttl")
                .paramLabel("SECONDS")
                .description("Seconds the model stays loaded while idle (0: until unloaded); default: the "
                        + "service's.").build());
        spec.addOption(CommandSpecs.option(String.class, () -> provider, v -> provider = v, "--ep")
                .paramLabel("PROVIDER").description("Execution provider to insist on, such as cpu or cuda.").build());
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ExecutionProvider ep = provider == null ? null : ExecutionProvider.parse(provider);
        Duration ttl = ttlSeconds == null ? null : Duration.ofSeconds(ttlSeconds);
        if (ttl != null && ttl.isNegative()) {
            throw new org.jfoundry.ports.failure.InvalidRequestException("--ttl must not be negative", "ttl");
        }
        ServiceClient client = environment.startIfNeeded(out);
        ResolvedModel resolved = Models.resolve(client, model, ep);
        if (!resolved.cached()) {
            throw new ModelNotCachedException(resolved.model().id().toString());
        }
        out.println("🕓 Loading model...");
        out.flush();
        client.load(resolved.model().id().toString(), ttl, ep);
        out.println("🟢 Model " + resolved.model().id() + " loaded successfully");
        return ExitCode.OK;
    }
}
