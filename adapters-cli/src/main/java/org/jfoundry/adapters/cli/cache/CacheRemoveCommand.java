package org.jfoundry.adapters.cli.cache;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jfoundry.adapters.cli.CommandEntry;
import org.jfoundry.adapters.cli.CommandSpecs;
import org.jfoundry.adapters.cli.CliEnvironment;
import org.jfoundry.adapters.cli.CommandFailure;
import org.jfoundry.adapters.cli.ExitCode;
import org.jfoundry.adapters.cli.client.ServiceClient;
import org.jfoundry.adapters.cli.client.ServiceError;
import org.jfoundry.ports.model.ModelId;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code foundry cache remove <model>}: asks the service to delete a downloaded model ({@code DELETE
 * /openai/models/{name}}), starting it when needed. The service resolves the name and keeps any request from loading
 * the model while its files go; a loaded model is refused unless {@code --unload}. Asks for confirmation on a
 * terminal, and needs {@code --yes} elsewhere.
 */
final class CacheRemoveCommand implements Callable<Integer> {
    static final CommandEntry ENTRY =
            CommandEntry.of("remove", environment -> new CacheRemoveCommand(environment).spec, "rm");

    private final CliEnvironment environment;
    final CommandSpec spec;
    String model;
    boolean yes;
    boolean unload;

    CacheRemoveCommand(CliEnvironment environment) {
        this.environment = environment;
        this.spec = CommandSpecs.command(this, "Delete a downloaded model.");
        spec.addPositional(CommandSpecs.parameter("0", String.class, () -> model, v -> model = v).paramLabel("MODEL")
                .description("Model id, id without version, or alias of a downloaded model.").build());
        spec.addOption(CommandSpecs.flag(() -> yes, v -> yes = v, "-y", "--yes")
                .description("Do not ask for confirmation.").build());
        spec.addOption(CommandSpecs.flag(() -> unload, v -> unload = v, "--unload")
                .description("Unload the model first when the service has it loaded.").build());
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
