package org.jfoundry.adapters.cli.service;

import java.util.List;
import org.jfoundry.adapters.cli.CommandEntry;

/** {@code foundry service ...}: groups the commands that manage the background service. */
public final class ServiceCommand {
    /** The group, its subcommands in the order help lists them. */
    public static final CommandEntry ENTRY = CommandEntry.group("service", "Manage the model management service.",
            List.of(StartCommand.ENTRY, StopCommand.ENTRY, RestartCommand.ENTRY, StatusCommand.ENTRY, PsCommand.ENTRY,
                    SetCommand.ENTRY, DiagCommand.ENTRY, LogsCommand.ENTRY, RunInForegroundCommand.ENTRY),
            "server");

    private ServiceCommand() {
    }
}
