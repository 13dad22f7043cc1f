package org.jfoundry.adapters.cli.model;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jfoundry.adapters.cli.CommandEntry;
import org.jfoundry.adapters.cli.CommandSpecs;
import org.jfoundry.adapters.cli.CliEnvironment;
import org.jfoundry.adapters.cli.ExitCode;
import org.jfoundry.ports.in.ResolvedModel;
import org.jfoundry.adapters.cli.client.ServiceClient;
import picocli.CommandLine.Model.CommandSpec;

/** {@code foundry model download <model>}: fetches the variant into the cache, with a progress bar. */
final class DownloadCommand implements Callable<Integer> {
    static final CommandEntry ENTRY = CommandEntry.of("download", environment -> new DownloadCommand(environment).spec);

    private final CliEnvironment environment;
    final CommandSpec spec;
    String model;

    DownloadCommand(CliEnvironment environment) {
        this.environment = environment;
        this.spec = CommandSpecs.command(this, "Download a model into the cache.");
        spec.addPositional(CommandSpecs.parameter("0", String.class, () -> model, v -> model = v).paramLabel("MODEL")
                .description("Alias or model id.").build());
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ServiceClient client = environment.startIfNeeded(out);
        ResolvedModel resolved = Models.resolve(client, model);
        if (resolved.cached()) {
            out.println("💾 Model " + resolved.model().id() + " is already downloaded.");
            return ExitCode.OK;
        }
        Models.download(client, resolved, out, environment.terminal().outputIsTerminal());
        return ExitCode.OK;
    }
}
