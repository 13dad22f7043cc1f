package org.jfoundry.adapters.cli.cache;

import picocli.CommandLine.Command;

/** {@code foundry cache ...}: the model cache on disk; works without the service. */
@Command(name = "cache", mixinStandardHelpOptions = true, description = "Manage the model cache.",
        subcommands = {CacheLocationCommand.class, CacheListCommand.class, CacheCdCommand.class, CacheRemoveCommand.class})
public final class CacheCommand {
}
