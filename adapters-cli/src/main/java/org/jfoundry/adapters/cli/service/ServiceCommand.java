package org.jfoundry.adapters.cli.service;

import java.util.List;
import picocli.CommandLine.Command;

/** {@code foundry service ...}: groups the commands that manage the background service. */
@Command(name = "service", aliases = "server", mixinStandardHelpOptions = true, description = "Manage the model management service.")
public final class ServiceCommand {
    /** Its subcommands, in the order help lists them (added by the command line as far as it needs them). */
    public static final List<Class<?>> SUBCOMMANDS = List.of(StartCommand.class, StopCommand.class,
            RestartCommand.class, StatusCommand.class, PsCommand.class, SetCommand.class, DiagCommand.class,
            LogsCommand.class, RunInForegroundCommand.class);
}
