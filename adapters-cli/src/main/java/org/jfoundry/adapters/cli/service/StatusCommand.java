package org.jfoundry.adapters.cli.service;

import java.util.concurrent.Callable;
import org.jfoundry.adapters.cli.CliEnvironment;
import org.jfoundry.adapters.cli.OutputOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code foundry service status}: the line SDKs parse for the service URL. Reads the pid file and probes
 * {@code /health}; loads nothing else, because SDKs call it in a loop.
 */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Tell whether the service runs, and where.",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:The service is running", "3:It is not running"})
final class StatusCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOption output;

    StatusCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        return StatusReport.print(environment.service(), spec.commandLine().getOut(), output.json());
    }
}
