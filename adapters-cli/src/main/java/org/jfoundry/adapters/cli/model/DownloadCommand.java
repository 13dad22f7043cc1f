package org.jfoundry.adapters.cli.model;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jfoundry.adapters.cli.CliEnvironment;
import org.jfoundry.adapters.cli.ExitCode;
import org.jfoundry.ports.in.ResolvedModel;
import org.jfoundry.adapters.cli.client.ServiceClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code foundry model download <model>}: fetches the variant into the cache, with a progress bar. */
@Command(name = "download", mixinStandardHelpOptions = true, description = "Download a model into the cache.")
final class DownloadCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "MODEL", description = "Alias or model id.")
    String model;

    DownloadCommand(CliEnvironment environment) {
        this.environment = environment;
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
