package org.jfoundry.adapters.cli.model;

import picocli.CommandLine.Command;

/** {@code foundry model ...}: catalog, download, load and chat commands. They start the service when needed. */
@Command(name = "model", mixinStandardHelpOptions = true, description = "Discover, download, load and run models.",
        subcommands = {ListModelsCommand.class, ModelInfoCommand.class, DownloadCommand.class, LoadCommand.class,
                UnloadCommand.class, RunCommand.class, CompleteCommand.class, ImportCommand.class})
public final class ModelCommand {
}
