package org.jfoundry.adapters.cli.model;

import java.util.List;
import picocli.CommandLine.Command;

/** {@code foundry model ...}: catalog, download, load and chat commands. They start the service when needed. */
@Command(name = "model", mixinStandardHelpOptions = true, description = "Discover, download, load and run models.")
public final class ModelCommand {
    /** Its subcommands, in the order help lists them (added by the command line as far as it needs them). */
    public static final List<Class<?>> SUBCOMMANDS = List.of(ListModelsCommand.class, ModelInfoCommand.class,
            DownloadCommand.class, LoadCommand.class, UnloadCommand.class, RunCommand.class, CompleteCommand.class,
            ImportCommand.class);
}
