package org.jfoundry.adapters.cli.service;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.jfoundry.adapters.cli.CommandEntry;
import org.jfoundry.adapters.cli.CommandSpecs;
import org.jfoundry.adapters.cli.CliEnvironment;
import org.jfoundry.adapters.cli.OutputOption;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code foundry service status}: the line SDKs parse for the service URL. Reads the pid file and probes
 * {@code /health}; loads nothing else, because SDKs call it in a loop.
 */
final class StatusCommand implements Callable<Integer> {
    static final CommandEntry ENTRY = CommandEntry.of("status", environment -> new StatusCommand(environment).spec);

    private final CliEnvironment environment;
    final CommandSpec spec;
    final OutputOption output = new OutputOption();

    StatusCommand(CliEnvironment environment) {
        this.environment = environment;
        this.spec = CommandSpecs.command(this, "Tell whether the service runs, and where.");
        spec.usageMessage().exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(new TreeMap<>(Map.of("0", "The service is running", "3", "It is not running")));
        output.addTo(spec);
    }

    @Override
    public Integer call() {
        return StatusReport.print(environment.service(), spec.commandLine().getOut(), output.json());
    }
}
