package org.jfoundry.adapters.cli.service;

import java.util.concurrent.Callable;
import org.jfoundry.adapters.cli.CliEnvironment;
import org.jfoundry.adapters.cli.ExitCode;
import org.jfoundry.adapters.cli.Messages;
import org.jfoundry.adapters.cli.ServiceControl.StartOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code foundry service start}: starts the background service and returns once it answers. */
@Command(name = "start", mixinStandardHelpOptions = true, description = "Start the service in the background.")
final class StartCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    StartCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        StartOutcome outcome = environment.service().start();
        spec.commandLine().getOut().println(outcome.alreadyRunning()
                ? Messages.alreadyRunning(outcome.endpoint()) : Messages.started(outcome.endpoint()));
        return ExitCode.OK;
    }
}
