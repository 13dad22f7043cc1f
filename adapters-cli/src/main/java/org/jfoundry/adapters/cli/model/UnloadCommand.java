package org.jfoundry.adapters.cli.model;

import java.util.List;
import java.util.concurrent.Callable;
import org.jfoundry.adapters.cli.CliEnvironment;
import org.jfoundry.adapters.cli.CommandFailure;
import org.jfoundry.adapters.cli.ExitCode;
import org.jfoundry.adapters.cli.client.Aliases;
import org.jfoundry.adapters.cli.client.ServiceClient;
import org.jfoundry.ports.model.ModelId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code foundry model unload <model> [--force]}: frees a loaded model. */
@Command(name = "unload", mixinStandardHelpOptions = true, description = "Unload a model from the service.")
final class UnloadCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "MODEL", description = "Alias or model id of a loaded model.")
    String model;

    @Option(names = "--force", description = "Unload even while requests run (they end with an error).")
    boolean force;

    UnloadCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        ServiceClient client = environment.requireRunning();
        List<ModelId> loaded = client.loadedModels();
        List<ModelId> matching = loaded.stream()
                .filter(id -> id.toString().equalsIgnoreCase(model) || id.name().equalsIgnoreCase(model))
                .toList();
        if (matching.isEmpty() && !loaded.isEmpty()) {
            // Not an id: it may be an alias, which only the catalog knows.
            Aliases aliases = Aliases.bestEffort(client);
            matching = loaded.stream().filter(id -> aliases.of(id, "").equalsIgnoreCase(model)).toList();
        }
        if (matching.isEmpty()) {
            throw new CommandFailure(ExitCode.MODEL_NOT_FOUND, "Model '" + model + "' is not loaded.");
        }
        for (ModelId id : matching) {
            client.unload(id.toString(), force);
            spec.commandLine().getOut().println("🔴 Model " + id + " was unloaded");
        }
        return ExitCode.OK;
    }
}
