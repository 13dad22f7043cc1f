package org.jfoundry.adapters.cli.service;

import picocli.CommandLine.Command;

/** {@code foundry service ...}: groups the commands that manage the background service. */
@Command(name = "service", aliases = "server", mixinStandardHelpOptions = true, description = "Manage the model management service.",
        subcommands = {StartCommand.class, StopCommand.class, RestartCommand.class, StatusCommand.class, PsCommand.class,
                SetCommand.class, DiagCommand.class, LogsCommand.class, RunInForegroundCommand.class})
public final class ServiceCommand {
}
