package org.jfoundry.adapters.cli.cache;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jfoundry.adapters.cli.CommandEntry;
import org.jfoundry.adapters.cli.CommandSpecs;
import org.jfoundry.adapters.cli.CliEnvironment;
import org.jfoundry.adapters.cli.CommandFailure;
import org.jfoundry.adapters.cli.ExitCode;
import org.jfoundry.adapters.cli.service.Restart;
import org.jfoundry.ports.settings.ServiceSettings;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code foundry cache cd <dir>}: points the cache at another folder (models there are used as they are; nothing is
 * moved) and restarts a running service so it uses it.
 */
final class CacheCdCommand implements Callable<Integer> {
    static final CommandEntry ENTRY = CommandEntry.of("cd", environment -> new CacheCdCommand(environment).spec);

    private final CliEnvironment environment;
    final CommandSpec spec;
    Path directory;

    CacheCdCommand(CliEnvironment environment) {
        this.environment = environment;
        this.spec = CommandSpecs.command(this, "Use another folder as the model cache.");
        spec.addPositional(CommandSpecs.parameter("0", Path.class, () -> directory, v -> directory = v)
                .paramLabel("DIR").description("The new cache folder; created when missing.").build());
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path target = directory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(target);
        } catch (IOException e) {
            throw new CommandFailure(ExitCode.FAILURE, "Cannot use " + target + " as the cache: " + e.getMessage(), e);
        }
        if (!Files.isWritable(target)) {
            throw new CommandFailure(ExitCode.FAILURE, "Cannot use " + target + " as the cache: it is not writable");
        }
        ServiceSettings settings = environment.settings().load();
        if (!settings.cacheDirectory().equals(target)) {
            environment.settings().save(settings.withCacheDirectory(target));
            Restart.restartIfRunning(environment, out);
        }
        out.println("💾 Cache directory path: " + target);
        return ExitCode.OK;
    }
}
