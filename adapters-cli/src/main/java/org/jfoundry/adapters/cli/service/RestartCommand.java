package org.jfoundry.adapters.cli.service;

import java.util.concurrent.Callable;
import org.jfoundry.adapters.cli.CommandEntry;
import org.jfoundry.adapters.cli.CommandSpecs;
import org.jfoundry.adapters.cli.CliEnvironment;
import org.jfoundry.adapters.cli.ExitCode;
import picocli.CommandLine.Model.CommandSpec;

/** {@code foundry service restart}: stop (when running), then start. */
final class RestartCommand implements Callable<Integer> {
    static final CommandEntry ENTRY = CommandEntry.of("restart", environment -> new RestartCommand(environment).spec);

    private final CliEnvironment environment;
    final CommandSpec spec;

    RestartCommand(CliEnvironment environment) {
        this.environment = environment;
        this.spec = CommandSpecs.command(this, "Restart the service.");
    }

    @Override
    public Integer call() {
        Restart.restart(environment, spec.commandLine().getOut());
        return ExitCode.OK;
    }
}
