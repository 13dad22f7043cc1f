package org.jfoundry.adapters.cli.service;

import java.util.concurrent.Callable;
import org.jfoundry.adapters.cli.CliEnvironment;
import org.jfoundry.adapters.cli.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code foundry service restart}: stop (when running), then start. */
@Command(name = "restart", mixinStandardHelpOptions = true, description = "Restart the service.")
final class RestartCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    RestartCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        Restart.restart(environment, spec.commandLine().getOut());
        return ExitCode.OK;
    }
}
