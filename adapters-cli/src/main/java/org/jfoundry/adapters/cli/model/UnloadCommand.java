package org.jfoundry.adapters.cli.model;

import java.util.List;
import java.util.concurrent.Callable;
import org.jfoundry.adapters.cli.CommandEntry;
import org.jfoundry.adapters.cli.CommandSpecs;
import org.jfoundry.adapters.cli.CliEnvironment;
import org.jfoundry.adapters.cli.CommandFailure;
import org.jfoundry.adapters.cli.ExitCode;
import org.jfoundry.adapters.cli.client.Aliases;
import org.jfoundry.adapters.cli.client.ServiceClient;
import org.jfoundry.ports.model.ModelId;
import picocli.CommandLine.Model.CommandSpec;

/** {@code foundry model unload <model> [--force]}: frees a loaded model. */
final class UnloadCommand implements Callable<Integer> {
    static final CommandEntry ENTRY = CommandEntry.of("unload", environment -> new UnloadCommand(environment).spec);

    private final CliEnvironment environment;
    final CommandSpec spec;
    String model;
    boolean force;

    UnloadCommand(CliEnvironment environment) {
        this.environment = environment;
        this.spec = CommandSpecs.command(this, "Unload a model from the service.");
        spec.addPositional(CommandSpecs.parameter("0", String.class, () -> model, v -> model = v).paramLabel("MODEL")
                .description("Alias or model id of a loaded model.").build());
        spec.addOption(CommandSpecs.flag(() -> force, v -> force = v, "--force")
                .description("Unload even while requests run (they end with an error).").build());
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
