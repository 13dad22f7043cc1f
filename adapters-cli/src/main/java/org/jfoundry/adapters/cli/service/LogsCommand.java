package org.jfoundry.adapters.cli.service;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import org.jfoundry.adapters.cli.CliEnvironment;
import org.jfoundry.adapters.cli.CommandFailure;
import org.jfoundry.adapters.cli.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code foundry server logs}: the end of the service log, as Foundry Local's 0.10 CLI prints it. */
@Command(name = "logs", mixinStandardHelpOptions = true, description = "Print the end of the service log.")
final class LogsCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "100",
            description = "Lines to show (default ${DEFAULT-VALUE}).")
    int lines;

    LogsCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        if (lines < 1) {
            throw new CommandFailure(ExitCode.USAGE, "--lines must be at least 1, got " + lines);
        }
        if (!Files.isRegularFile(environment.home().serviceLog())) {
            throw new CommandFailure(ExitCode.FAILURE, "No service log yet at " + environment.home().serviceLog()
                    + "; it is written once the service has started.");
        }
        PrintWriter out = spec.commandLine().getOut();
        LogTail.lastLines(environment.home().serviceLog(), lines).forEach(out::println);
        return ExitCode.OK;
    }
}
