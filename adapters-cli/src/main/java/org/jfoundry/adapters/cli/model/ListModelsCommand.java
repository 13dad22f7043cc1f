package org.jfoundry.adapters.cli.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.jfoundry.adapters.cli.CommandEntry;
import org.jfoundry.adapters.cli.CommandSpecs;
import org.jfoundry.adapters.cli.CliEnvironment;
import org.jfoundry.adapters.cli.ExitCode;
import org.jfoundry.adapters.cli.Messages;
import org.jfoundry.adapters.cli.client.CatalogJson;
import org.jfoundry.adapters.cli.console.Table;
import org.jfoundry.ports.model.CatalogListing;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.adapters.cli.OutputOption;
import picocli.CommandLine.Model.CommandSpec;

/** {@code foundry model list}: the catalog, variants grouped under their alias. */
final class ListModelsCommand implements Callable<Integer> {
    static final CommandEntry ENTRY =
            CommandEntry.of("list", environment -> new ListModelsCommand(environment).spec, "ls");

    private final CliEnvironment environment;
    final CommandSpec spec;
    List<String> filters = new ArrayList<>();
    String device;
    boolean variants;
    final OutputOption output = new OutputOption();

    ListModelsCommand(CliEnvironment environment) {
        this.environment = environment;
        this.spec = CommandSpecs.command(this, "List the models in the catalog.");
        spec.addOption(CommandSpecs.repeated(() -> filters, v -> filters = v, "--filter").paramLabel("KEY=VALUE")
                .description("Keep matching variants: device=CPU, provider=cuda, task=chat*, alias=phi*, id=...; '*' "
                        + "matches anything, a leading '!' negates. Repeat to combine.").build());
        spec.addOption(CommandSpecs.option(String.class, () -> device, v -> device = v, "--device").paramLabel("DEVICE")
                .description("Keep variants for this device (CPU, GPU, NPU); the same as --filter "
                        + "device=DEVICE.").build());
        spec.addOption(CommandSpecs.flag(() -> variants, v -> variants = v, "--variants")
                .description("One row per variant, each with its alias and execution provider.").build());
        output.addTo(spec);
    }

    @Override
    public Integer call() throws Exception {
        Predicate<CatalogModel> keep = m -> true;
        for (String filter : filters) {
            keep = keep.and(CatalogFilter.parse(filter));
        }
        if (device != null) {
            keep = keep.and(CatalogFilter.parse("device=" + device));
        }
        PrintWriter out = spec.commandLine().getOut();
        CatalogListing listing = environment.startIfNeeded(spec.commandLine().getErr()).catalogListing();
        if (!listing.complete()) {
            spec.commandLine().getErr().println(Messages.catalogUnreachable(listing.unreachable()));
            spec.commandLine().getErr().flush();
        }
        List<CatalogModel> models = listing.models().stream().filter(keep).toList();
        if (output.json()) {
            ArrayNode array = new ObjectMapper().createArrayNode();
            models.forEach(m -> array.add(CatalogJson.write(m)));
            out.println(new ObjectMapper().writeValueAsString(array));
            return ExitCode.OK;
        }
        if (models.isEmpty()) {
            out.println(filters.isEmpty() && device == null ? "The catalog is empty." : "No models match the filter.");
            return ExitCode.OK;
        }
        if (variants) {
            printVariants(models, out);
            return ExitCode.OK;
        }
        Table table = new Table("Alias", "Device", "Task", "File Size", "License", "Model ID");
        table.rule();
        for (List<CatalogModel> group : byAlias(models).values()) {
            boolean first = true;
            for (CatalogModel m : group) {
                table.row(first ? displayAlias(m) : "", m.runtime().deviceType().name(), nullToDash(m.task()),
                        Models.fileSize(m.fileSizeMb()), nullToDash(m.license()), m.id().toString());
                first = false;
            }
            table.rule();
        }
        table.print(out);
        return ExitCode.OK;
    }

    private static void printVariants(List<CatalogModel> models, PrintWriter out) {
        Table table = new Table("Alias", "Device", "Provider", "Task", "File Size", "Model ID");
        table.rule();
        for (List<CatalogModel> group : byAlias(models).values()) {
            for (CatalogModel m : group) {
                table.row(displayAlias(m), m.runtime().deviceType().name(), m.runtime().executionProvider().ortName(),
                        nullToDash(m.task()), Models.fileSize(m.fileSizeMb()), m.id().toString());
            }
        }
        table.rule();
        table.print(out);
    }

    /**
     * Groups keep the catalog's order of first appearance, and variants the service's order: which variant an alias
     * means is the service's to say ({@code foundry model info <alias>} asks it), not a second guess of this list's.
     */
    private static Map<String, List<CatalogModel>> byAlias(List<CatalogModel> models) {
        Map<String, List<CatalogModel>> groups = new LinkedHashMap<>();
        for (CatalogModel m : models) {
            groups.computeIfAbsent(displayAlias(m), k -> new ArrayList<>()).add(m);
        }
        return groups;
    }

    private static String displayAlias(CatalogModel m) {
        return m.alias() != null ? m.alias() : m.id().name();
    }

    private static String nullToDash(String text) {
        return text == null || text.isBlank() ? "-" : text;
    }
}
