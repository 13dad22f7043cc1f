package org.jfoundry.adapters.cli.service;

import java.util.concurrent.Callable;
import org.jfoundry.adapters.cli.CliEnvironment;
import org.jfoundry.adapters.cli.ExitCode;
import org.jfoundry.adapters.cli.Messages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code foundry service stop}: ends the service gracefully (requests finish or are cancelled, models unload). */
@Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the service.")
final class StopCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    StopCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(environment.service().stop()
                .map(endpoint -> "🔴 Service is stopped (PID " + endpoint.pid() + ").")
                .orElse(Messages.NOT_RUNNING));
        return ExitCode.OK;
    }
}
