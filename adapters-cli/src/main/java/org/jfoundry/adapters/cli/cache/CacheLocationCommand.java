package org.jfoundry.adapters.cli.cache;

import java.util.concurrent.Callable;
import org.jfoundry.adapters.cli.CliEnvironment;
import org.jfoundry.adapters.cli.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code foundry cache location}. */
@Command(name = "location", mixinStandardHelpOptions = true, description = "Print the cache folder.")
final class CacheLocationCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    CacheLocationCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        spec.commandLine().getOut().println("💾 Cache directory path: " + environment.settings().load().cacheDirectory());
        return ExitCode.OK;
    }
}
