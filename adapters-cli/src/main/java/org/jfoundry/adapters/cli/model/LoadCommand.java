package org.jfoundry.adapters.cli.model;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.jfoundry.adapters.cli.CliEnvironment;
import org.jfoundry.adapters.cli.ExitCode;
import org.jfoundry.ports.in.ResolvedModel;
import org.jfoundry.adapters.cli.client.ServiceClient;
import org.jfoundry.ports.failure.ModelNotCachedException;
import org.jfoundry.ports.model.ExecutionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code foundry model load <model> [--ttl S]}: loads a downloaded model into the service. */
@Command(name = "load", mixinStandardHelpOptions = true, description = "Load a downloaded model into the service.")
final class LoadCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "MODEL", description = "Alias or model id.")
    String model;

    @Option(names = "--ttl", paramLabel = "SECONDS",
            description = "Seconds the model stays loaded while idle (0: until unloaded); default: the service's.")
    Long ttlSeconds;

    @Option(names = "--ep", paramLabel = "PROVIDER", description = "Execution provider to insist on, such as cpu or cuda.")
    String provider;

    LoadCommand(CliEnvironment environment) {
        this.environment = environment;
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
