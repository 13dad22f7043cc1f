package org.jfoundry.adapters.cli.cache;

import java.util.List;
import org.jfoundry.adapters.cli.CommandEntry;

/** {@code foundry cache ...}: the model cache on disk; works without the service. */
public final class CacheCommand {
    /** The group, its subcommands in the order help lists them. */
    public static final CommandEntry ENTRY = CommandEntry.group("cache", "Manage the model cache.",
            List.of(CacheLocationCommand.ENTRY, CacheListCommand.ENTRY, CacheCdCommand.ENTRY,
                    CacheRemoveCommand.ENTRY));

    private CacheCommand() {
    }
}
