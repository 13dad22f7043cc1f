package org.jfoundry.adapters.cli.cache;

import java.util.List;
import picocli.CommandLine.Command;

/** {@code foundry cache ...}: the model cache on disk; works without the service. */
@Command(name = "cache", mixinStandardHelpOptions = true, description = "Manage the model cache.")
public final class CacheCommand {
    /** Its subcommands, in the order help lists them (added by the command line as far as it needs them). */
    public static final List<Class<?>> SUBCOMMANDS = List.of(CacheLocationCommand.class, CacheListCommand.class,
            CacheCdCommand.class, CacheRemoveCommand.class);
}
