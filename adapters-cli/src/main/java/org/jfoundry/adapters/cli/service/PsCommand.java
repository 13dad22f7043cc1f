package org.jfoundry.adapters.cli.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jfoundry.adapters.cli.CommandEntry;
import org.jfoundry.adapters.cli.CommandSpecs;
import org.jfoundry.adapters.cli.CliEnvironment;
import org.jfoundry.adapters.cli.ExitCode;
import org.jfoundry.adapters.cli.client.Aliases;
import org.jfoundry.adapters.cli.client.ServiceClient;
import org.jfoundry.adapters.cli.console.Table;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.adapters.cli.OutputOption;
import picocli.CommandLine.Model.CommandSpec;

/** {@code foundry service ps}: the models loaded in the service. */
final class PsCommand implements Callable<Integer> {
    static final CommandEntry ENTRY = CommandEntry.of("ps", environment -> new PsCommand(environment).spec);

    private final CliEnvironment environment;
    final CommandSpec spec;
    final OutputOption output = new OutputOption();

    PsCommand(CliEnvironment environment) {
        this.environment = environment;
        this.spec = CommandSpecs.command(this, "List the models loaded in the service.");
        output.addTo(spec);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ServiceClient client = environment.requireRunning();
        List<ModelId> loaded = client.loadedModels();
        Aliases aliases = loaded.isEmpty() ? new Aliases(List.of()) : Aliases.bestEffort(client);
        if (output.json()) {
            ObjectMapper mapper = new ObjectMapper();
            ArrayNode array = mapper.createArrayNode();
            loaded.forEach(id -> array.addObject().put("alias", aliases.of(id, null)).put("id", id.toString()));
            out.println(mapper.writeValueAsString(array));
        } else if (loaded.isEmpty()) {
            out.println("No models are currently loaded in the service");
        } else {
            out.println("Models running in service:");
            Table table = new Table("Alias", "Model ID");
            List<String> markers = new ArrayList<>();
            for (ModelId id : loaded) {
                table.row(aliases.of(id, "-"), id.toString());
                markers.add("🟢  ");
            }
            table.print(out, "    ", markers);
        }
        return ExitCode.OK;
    }
}
