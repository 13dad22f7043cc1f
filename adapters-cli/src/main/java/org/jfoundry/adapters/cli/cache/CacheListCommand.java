package org.jfoundry.adapters.cli.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import org.jfoundry.adapters.cli.CommandEntry;
import org.jfoundry.adapters.cli.CommandSpecs;
import org.jfoundry.adapters.cli.CliEnvironment;
import org.jfoundry.adapters.cli.ExitCode;
import org.jfoundry.adapters.cli.console.Table;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.out.CacheScan;
import org.jfoundry.adapters.cli.OutputOption;
import picocli.CommandLine.Model.CommandSpec;

/** {@code foundry cache list}: the downloaded models, read from disk. Broken folders are reported on stderr. */
final class CacheListCommand implements Callable<Integer> {
    static final CommandEntry ENTRY =
            CommandEntry.of("list", environment -> new CacheListCommand(environment).spec, "ls");

    private final CliEnvironment environment;
    final CommandSpec spec;
    final OutputOption output = new OutputOption();

    CacheListCommand(CliEnvironment environment) {
        this.environment = environment;
        this.spec = CommandSpecs.command(this, "List the downloaded models.");
        output.addTo(spec);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        CacheScan scan = environment.host().modelStore(environment.settings().load().cacheDirectory()).scan();
        List<CachedModel> models = scan.models().stream().sorted(Comparator.comparing(CachedModel::id)).toList();
        scan.corrupt().forEach(entry -> spec.commandLine().getErr()
                .println("⚠ Skipped " + entry.folder() + ": " + entry.reason()));
        if (output.json()) {
            ObjectMapper mapper = new ObjectMapper();
            ArrayNode array = mapper.createArrayNode();
            models.forEach(m -> array.addObject().put("alias", m.alias()).put("id", m.id().toString())
                    .put("path", m.folder().toString()).put("sizeBytes", m.sizeBytes()));
            out.println(mapper.writeValueAsString(array));
        } else if (models.isEmpty()) {
            out.println("No models cached on device");
        } else {
            out.println("Models cached on device:");
            Table table = new Table("Alias", "Model ID");
            List<String> markers = new ArrayList<>();
            for (CachedModel m : models) {
                table.row(m.alias() == null ? "-" : m.alias(), m.id().toString());
                markers.add("💾 ");
            }
            table.print(out, "   ", markers);
        }
        return ExitCode.OK;
    }
}
