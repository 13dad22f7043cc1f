package org.jfoundry.adapters.cli.model;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jfoundry.adapters.cli.CliEnvironment;
import org.jfoundry.adapters.cli.ExitCode;
import org.jfoundry.adapters.cli.console.ProgressBar;
import org.jfoundry.adapters.cli.client.ServiceClient;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.in.ImportModelRequest;
import org.jfoundry.ports.model.ModelId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code foundry model import <file.gguf> [--alias A] [--precision int4|fp32]}: the service converts the file into its
 * cache (so that no request loads the model while it is being written), with a progress bar.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Convert a model file (GGUF, llama family) into the cache.")
final class ImportCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The model file, e.g. SmolLM2-135M-Instruct.Q4_1.gguf.")
    Path file;

    @Option(names = "--alias", paramLabel = "ALIAS", description = "Alias to run it by; default: the file name.")
    String alias;

    @Option(names = "--precision", paramLabel = "int4|fp32", defaultValue = "int4",
            description = "Weights of the imported model: int4 (default, small and fast) or fp32 (exact).")
    String precision;

    ImportCommand(CliEnvironment environment) {
        this.environment = environment;
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
