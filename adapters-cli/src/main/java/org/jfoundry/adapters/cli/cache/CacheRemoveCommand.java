package org.jfoundry.adapters.cli.cache;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jfoundry.adapters.cli.CliEnvironment;
import org.jfoundry.adapters.cli.CommandFailure;
import org.jfoundry.adapters.cli.ExitCode;
import org.jfoundry.adapters.cli.ServiceEndpoint;
import org.jfoundry.adapters.cli.client.ServiceClient;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.out.ModelStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code foundry cache remove <model>}: deletes a downloaded model. A loaded model is refused unless {@code --unload};
 * asks for confirmation on a terminal, and needs {@code --yes} elsewhere.
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
        ModelStore store = environment.host().modelStore(environment.settings().load().cacheDirectory());
        CachedModel target = find(store.scan().models());
        ModelId id = target.id();

        Optional<ServiceEndpoint> running = environment.service().running();
        if (running.isPresent()) {
            ServiceClient client = environment.service().connect(running.get());
            if (client.loadedModels().contains(id)) {
                if (!unload) {
                    throw new CommandFailure(ExitCode.MODEL_IN_USE, "Model " + id
                            + " is loaded in the service; unload it first or pass --unload.");
                }
                client.unload(id.toString(), true);
                out.println("🔴 Model " + id + " was unloaded");
            }
        }
        if (!yes && !confirm(out, id)) {
            return ExitCode.CANCELLED;
        }
        if (!store.remove(id)) {
            throw new CommandFailure(ExitCode.MODEL_NOT_FOUND, "Model " + id + " is no longer in the cache.");
        }
        out.println("🗑  Model " + id + " was removed from the cache");
        return ExitCode.OK;
    }

    private CachedModel find(List<CachedModel> cached) {
        String wanted = model.toLowerCase(Locale.ROOT);
        List<CachedModel> matches = cached.stream()
                .filter(m -> m.id().toString().toLowerCase(Locale.ROOT).equals(wanted)
                        || m.id().name().toLowerCase(Locale.ROOT).equals(wanted)
                        || (m.alias() != null && m.alias().toLowerCase(Locale.ROOT).equals(wanted)))
                .toList();
        if (matches.isEmpty()) {
            throw new CommandFailure(ExitCode.MODEL_NOT_FOUND, "Model '" + model + "' is not in the cache.");
        }
        if (matches.size() > 1) {
            throw new CommandFailure(ExitCode.USAGE, "'" + model + "' names several cached models ("
                    + matches.stream().map(m -> m.id().toString()).toList() + "); give the full model id.");
        }
        return matches.getFirst();
    }

    private boolean confirm(PrintWriter out, ModelId id) throws IOException {
        if (!environment.terminal().inputIsTerminal()) {
            throw new CommandFailure(ExitCode.USAGE, "Not removing " + id
                    + " without confirmation: run it on a terminal or pass --yes.");
        }
        out.print("Remove " + id + " from the cache? [y/N] ");
        out.flush();
        String answer = environment.terminal().input().readLine();
        boolean confirmed = answer != null && answer.strip().toLowerCase(Locale.ROOT).startsWith("y");
        if (!confirmed) {
            out.println("Nothing was removed.");
        }
        return confirmed;
    }
}
