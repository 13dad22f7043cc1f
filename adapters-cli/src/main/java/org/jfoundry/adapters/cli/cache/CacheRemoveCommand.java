package org.jfoundry.adapters.cli.cache;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jfoundry.adapters.cli.CliEnvironment;
import org.jfoundry.adapters.cli.CommandFailure;
import org.jfoundry.adapters.cli.ExitCode;
import org.jfoundry.adapters.cli.client.ServiceClient;
import org.jfoundry.adapters.cli.client.ServiceError;
import org.jfoundry.ports.model.ModelId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code foundry cache remove <model>}: asks the service to delete a downloaded model ({@code DELETE
 * /openai/models/{name}}), starting it when needed. The service resolves the name and keeps any request from loading
 * the model while its files go; a loaded model is refused unless {@code --unload}. Asks for confirmation on a
 * terminal, and needs {@code --yes} elsewhere.
 */
@Command(name = "remove", aliases = "rm", mixinStandardHelpOptions = true, description = "Delete a downloaded model.")
final class CacheRemoveCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "MODEL", description = "Model id, id without version, or alias of a downloaded model.")
    String model;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
    boolean yes;

    @Option(names = "--unload", description = "Unload the model first when the service has it loaded.")
    boolean unload;

    CacheRemoveCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (!yes && !confirm(out)) {
            return ExitCode.CANCELLED;
        }
        ServiceClient client = environment.startIfNeeded(spec.commandLine().getErr());
        ModelId removed;
        try {
            removed = client.removeCached(model, unload);
        } catch (ServiceError refused) {
            throw explained(refused);
        }
        out.println("🗑  Model " + removed + " was removed from the cache");
        return ExitCode.OK;
    }

    /** The service's reason, with the option that overcomes it when there is one. */
    private RuntimeException explained(ServiceError refused) {
        if (refused.status() == 409 && !unload && String.valueOf(refused.getMessage()).contains(" is loaded")) {
            return new CommandFailure(ExitCode.MODEL_IN_USE, refused.getMessage() + " Pass --unload to unload it first.");
        }
        return refused;
    }

    private boolean confirm(PrintWriter out) throws IOException {
        if (!environment.terminal().inputIsTerminal()) {
            throw new CommandFailure(ExitCode.USAGE, "Not removing " + model
                    + " without confirmation: run it on a terminal or pass --yes.");
        }
        out.print("Remove " + model + " from the cache? [y/N] ");
        out.flush();
        String answer = environment.terminal().input().readLine();
        boolean confirmed = answer != null && answer.strip().toLowerCase(Locale.ROOT).startsWith("y");
        if (!confirmed) {
            out.println("Nothing was removed.");
        }
        return confirmed;
    }
}
