package org.jfoundry.adapters.cli.service;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.jfoundry.adapters.cli.CliEnvironment;
import org.jfoundry.adapters.cli.ExitCode;
import org.jfoundry.adapters.cli.Messages;
import org.jfoundry.adapters.cli.ServiceControl.StartOutcome;
import org.jfoundry.adapters.cli.ServiceControl.StartOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code foundry service start}: starts the background service and returns once it answers. */
@Command(name = "start", mixinStandardHelpOptions = true, description = "Start the service in the background.")
final class StartCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", description = "Listen on this port for this run (the settings keep theirs).")
    Integer port;

    @Option(names = "--idle-timeout", paramLabel = "MINUTES",
            description = "Stop the service after this many minutes without a request.")
    Long idleTimeoutMinutes;

    StartCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        StartOutcome outcome = environment.service().start(new StartOptions(port,
                idleTimeoutMinutes == null ? null : Duration.ofMinutes(idleTimeoutMinutes)));
        spec.commandLine().getOut().println(outcome.alreadyRunning()
                ? Messages.alreadyRunning(outcome.endpoint()) : Messages.started(outcome.endpoint()));
        return ExitCode.OK;
    }
}
