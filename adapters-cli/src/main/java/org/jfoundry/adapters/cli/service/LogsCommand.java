package org.jfoundry.adapters.cli.service;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import org.jfoundry.adapters.cli.CommandEntry;
import org.jfoundry.adapters.cli.CommandSpecs;
import org.jfoundry.adapters.cli.CliEnvironment;
import org.jfoundry.adapters.cli.CommandFailure;
import org.jfoundry.adapters.cli.ExitCode;
import picocli.CommandLine.Model.CommandSpec;

/** {@code foundry server logs}: the end of the service log, as Foundry Local's 0.10 CLI prints it. */
final class LogsCommand implements Callable<Integer> {
    static final CommandEntry ENTRY = CommandEntry.of("logs", environment -> new LogsCommand(environment).spec);

    private final CliEnvironment environment;
    final CommandSpec spec;
    int lines;

    LogsCommand(CliEnvironment environment) {
        this.environment = environment;
        this.spec = CommandSpecs.command(this, "Print the end of the service log.");
        spec.addOption(CommandSpecs.option(int.class, () -> lines, v -> lines = v, "-n", "--lines").paramLabel("N")
                .defaultValue("100").description("Lines to show (default ${DEFAULT-VALUE}).").build());
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
