package org.jfoundry.adapters.cli.model;

import java.util.List;
import org.jfoundry.adapters.cli.CommandEntry;

/** {@code foundry model ...}: catalog, download, load and chat commands. They start the service when needed. */
public final class ModelCommand {
    /** The group, its subcommands in the order help lists them. */
    public static final CommandEntry ENTRY = CommandEntry.group("model", "Discover, download, load and run models.",
            List.of(ListModelsCommand.ENTRY, ModelInfoCommand.ENTRY, DownloadCommand.ENTRY, LoadCommand.ENTRY,
                    UnloadCommand.ENTRY, RunCommand.ENTRY, CompleteCommand.ENTRY, ImportCommand.ENTRY));

    private ModelCommand() {
    }
}
