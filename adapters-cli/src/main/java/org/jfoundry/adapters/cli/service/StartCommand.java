package org.jfoundry.adapters.cli.service;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.jfoundry.adapters.cli.CommandEntry;
import org.jfoundry.adapters.cli.CommandSpecs;
import org.jfoundry.adapters.cli.CliEnvironment;
import org.jfoundry.adapters.cli.ExitCode;
import org.jfoundry.adapters.cli.Messages;
import org.jfoundry.adapters.cli.ServiceControl.StartOutcome;
import org.jfoundry.adapters.cli.ServiceControl.StartOptions;
import picocli.CommandLine.Model.CommandSpec;

/** {@code foundry service start}: starts the background service and returns once it answers. */
final class StartCommand implements Callable<Integer> {
    static final CommandEntry ENTRY = CommandEntry.of("start", environment -> new StartCommand(environment).spec);

    private final CliEnvironment environment;
    final CommandSpec spec;
    Integer port;
    Long idleTimeoutMinutes;

    StartCommand(CliEnvironment environment) {
        this.environment = environment;
        this.spec = CommandSpecs.command(this, "Start the service in the background.");
        spec.addOption(CommandSpecs.option(Integer.class, () -> port, v -> port = v, "--port").paramLabel("N")
                .description("Listen on this port for this run (the settings keep theirs).").build());
        spec.addOption(CommandSpecs.option(Long.class, () -> idleTimeoutMinutes, v -> idleTimeoutMinutes = v,
                "--idle-timeout")
                .paramLabel("MINUTES")
                .description("Stop the service after this many minutes without a request.").build());
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
