package org.jfoundry.adapters.cli.service;

import java.util.concurrent.Callable;
import org.jfoundry.adapters.cli.CommandEntry;
import org.jfoundry.adapters.cli.CommandSpecs;
import org.jfoundry.adapters.cli.CliEnvironment;
import org.jfoundry.adapters.cli.ExitCode;
import org.jfoundry.adapters.cli.Messages;
import picocli.CommandLine.Model.CommandSpec;

/** {@code foundry service stop}: ends the service gracefully (requests finish or are cancelled, models unload). */
final class StopCommand implements Callable<Integer> {
    static final CommandEntry ENTRY = CommandEntry.of("stop", environment -> new StopCommand(environment).spec);

    private final CliEnvironment environment;
    final CommandSpec spec;

    StopCommand(CliEnvironment environment) {
        this.environment = environment;
        this.spec = CommandSpecs.command(this, "Stop the service.");
    }

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(environment.service().stop()
                .map(endpoint -> "🔴 Service is stopped (PID " + endpoint.pid() + ").")
                .orElse(Messages.NOT_RUNNING));
        return ExitCode.OK;
    }
}
