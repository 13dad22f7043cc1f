package org.jfoundry.adapters.cli.service;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jfoundry.adapters.cli.CommandEntry;
import org.jfoundry.adapters.cli.CommandSpecs;
import org.jfoundry.adapters.cli.CliEnvironment;
import org.jfoundry.adapters.cli.ExitCode;
import org.jfoundry.adapters.cli.ManifestVersion;
import org.jfoundry.adapters.cli.ServiceEndpoint;
import org.jfoundry.adapters.cli.client.ServiceError;
import org.jfoundry.adapters.cli.client.ServiceInfo;
import org.jfoundry.adapters.cli.client.ServiceUnreachable;
import org.jfoundry.ports.settings.ServiceSettings;
import picocli.CommandLine.Model.CommandSpec;

/** {@code foundry service diag}: what to paste into a bug report: versions, state, providers, the log's end. */
final class DiagCommand implements Callable<Integer> {
    static final CommandEntry ENTRY = CommandEntry.of("diag", environment -> new DiagCommand(environment).spec);

    private final CliEnvironment environment;
    final CommandSpec spec;
    int lines;

    DiagCommand(CliEnvironment environment) {
        this.environment = environment;
        this.spec = CommandSpecs.command(this, "Print diagnostics: versions, providers, log tail.");
        spec.addOption(CommandSpecs.option(int.class, () -> lines, v -> lines = v, "--lines").paramLabel("N")
                .defaultValue("30").description("Log lines to show (default ${DEFAULT-VALUE}).").build());
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ServiceSettings settings = environment.settings().load();
        out.println("jfoundry:       " + ManifestVersion.version());
        out.println("Java:           " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ", "
                + System.getProperty("java.home") + ")");
        out.println("OS:             " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
                + System.getProperty("os.arch") + "), " + Runtime.getRuntime().availableProcessors() + " CPUs");
        out.println("Foundry home:   " + environment.home().root());
        out.println("Settings file:  " + environment.home().settingsFile());
        out.println("Model cache:    " + settings.cacheDirectory());
        Optional<ServiceEndpoint> running = environment.service().running();
        out.println("Service:        " + running.map(e -> "running on " + e.urlWithoutSlash() + " (PID " + e.pid() + ")")
                .orElse("not running"));
        running.ifPresent(endpoint -> out.println("Service EPs:    " + serviceProviders(endpoint)));
        out.println("Runtime here:");
        for (String line : environment.host().describeRuntime(settings)) {
            out.println("  " + line);
        }
        out.println("Log " + environment.home().serviceLog() + " (last " + lines + " lines):");
        for (String line : LogTail.lastLines(environment.home().serviceLog(), Math.max(0, lines))) {
            out.println("  " + line);
        }
        return ExitCode.OK;
    }

    private String serviceProviders(ServiceEndpoint endpoint) {
        try {
            ServiceInfo info = environment.service().connect(endpoint).status();
            return String.join(", ", info.providers());
        } catch (ServiceError | ServiceUnreachable e) {
            return "(the service did not say: " + e.getMessage() + ")";
        }
    }
}
