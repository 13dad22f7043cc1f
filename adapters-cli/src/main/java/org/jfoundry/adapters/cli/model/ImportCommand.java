package org.jfoundry.adapters.cli.model;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jfoundry.adapters.cli.CommandEntry;
import org.jfoundry.adapters.cli.CommandSpecs;
import org.jfoundry.adapters.cli.CliEnvironment;
import org.jfoundry.adapters.cli.ExitCode;
import org.jfoundry.adapters.cli.console.ProgressBar;
import org.jfoundry.adapters.cli.client.ServiceClient;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.in.ImportModelRequest;
import org.jfoundry.ports.model.ModelId;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code foundry model import <file.gguf> [--alias A] [--precision int4|fp32]}: the service converts the file into its
 * cache (so that no request loads the model while it is being written), with a progress bar.
 */
final class ImportCommand implements Callable<Integer> {
    static final CommandEntry ENTRY = CommandEntry.of("import", environment -> new ImportCommand(environment).spec);

    private final CliEnvironment environment;
    final CommandSpec spec;
    Path file;
    String alias;
    String precision;

    ImportCommand(CliEnvironment environment) {
        this.environment = environment;
        this.spec = CommandSpecs.command(this, "Convert a model file (GGUF, llama family) into the cache.");
        spec.addPositional(CommandSpecs.parameter("0", Path.class, () -> file, v -> file = v).paramLabel("FILE")
                .description("The model file, e.g. SmolLM2-135M-Instruct.Q4_1.gguf.").build());
        spec.addOption(CommandSpecs.option(String.class, () -> alias, v -> alias = v, "--alias").paramLabel("ALIAS")
                .description("Alias to run it by; default: the file name.").build());
        spec.addOption(CommandSpecs.option(String.class, () -> precision, v -> precision = v, "--precision")
                .paramLabel("int4|fp32").defaultValue("int4")
                .description("Weights of the imported model: int4 (default, small and fast) or fp32 (exact).").build());
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path source = file.toAbsolutePath().normalize();
        // Checked here first so that a typo costs no service start; the service checks again.
        ImportModelRequest request = new ImportModelRequest(source, alias, ImportModelRequest.precision(precision));
        if (!Files.isRegularFile(source)) {
            throw new InvalidRequestException("cannot read " + source + ": no such file", "path");
        }
        ServiceClient client = environment.startIfNeeded(out);
        out.println("Importing " + source.getFileName() + " as " + request.alias() + " ("
                + request.precision().name().toLowerCase(java.util.Locale.ROOT) + ")...");
        out.flush();
        ProgressBar bar = new ProgressBar(out, environment.terminal().outputIsTerminal(), size(source), System::nanoTime);
        ModelId id;
        try {
            id = client.importModel(source, alias, precision, bar::update);
        } finally {
            bar.finish();
        }
        out.println("🟢 Model " + id + " imported; run it with 'foundry model run " + request.alias() + "'");
        return ExitCode.OK;
    }

    private static long size(Path source) {
        try {
            return Files.size(source);
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
