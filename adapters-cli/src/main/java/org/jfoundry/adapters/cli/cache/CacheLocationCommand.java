package org.jfoundry.adapters.cli.cache;

import java.util.concurrent.Callable;
import org.jfoundry.adapters.cli.CommandEntry;
import org.jfoundry.adapters.cli.CommandSpecs;
import org.jfoundry.adapters.cli.CliEnvironment;
import org.jfoundry.adapters.cli.ExitCode;
import picocli.CommandLine.Model.CommandSpec;

/** {@code foundry cache location}. */
final class CacheLocationCommand implements Callable<Integer> {
    static final CommandEntry ENTRY =
            CommandEntry.of("location", environment -> new CacheLocationCommand(environment).spec);

    private final CliEnvironment environment;
    final CommandSpec spec;

    CacheLocationCommand(CliEnvironment environment) {
        this.environment = environment;
        this.spec = CommandSpecs.command(this, "Print the cache folder.");
    }

    @Override
    public Integer call() {
        spec.commandLine().getOut().println("💾 Cache directory path: " + environment.settings().load().cacheDirectory());
        return ExitCode.OK;
    }
}
