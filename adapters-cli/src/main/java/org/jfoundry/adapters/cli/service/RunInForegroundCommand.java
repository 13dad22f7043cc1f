package org.jfoundry.adapters.cli.service;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jfoundry.adapters.cli.CommandEntry;
import org.jfoundry.adapters.cli.CommandSpecs;
import org.jfoundry.adapters.cli.CliEnvironment;
import org.jfoundry.adapters.cli.CommandFailure;
import org.jfoundry.adapters.cli.ExitCode;
import org.jfoundry.adapters.cli.Messages;
import org.jfoundry.adapters.cli.ServiceEndpoint;
import org.jfoundry.adapters.cli.ServiceHost.HostedService;
import org.jfoundry.ports.settings.ServiceSettings;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code foundry service run}: the service itself, in the foreground. {@code service start} runs this in a background
 * process; it is hidden because people use start and stop. The pid file is written once the service listens (the
 * engines may still be starting then), removed when the start-up fails, and removed by the shutdown hook that SIGTERM
 * ({@code service stop}) or Ctrl+C triggers.
 */
final class RunInForegroundCommand implements Callable<Integer> {
    static final CommandEntry ENTRY =
            CommandEntry.of("run", environment -> new RunInForegroundCommand(environment).spec);

    private final CliEnvironment environment;
    final CommandSpec spec;
    Integer port;
    Long idleTimeoutSeconds;

    RunInForegroundCommand(CliEnvironment environment) {
        this.environment = environment;
        this.spec = CommandSpecs.command(this,
                "Run the service in the foreground (what 'service start' runs in the background).");
        spec.usageMessage().hidden(true);
        spec.addOption(CommandSpecs.option(Integer.class, () -> port, v -> port = v, "--port").paramLabel("N")
                .description("Listen on this port instead of the settings' one.").build());
        spec.addOption(CommandSpecs.option(Long.class, () -> idleTimeoutSeconds, v -> idleTimeoutSeconds = v,
                "--idle-timeout-seconds")
                .paramLabel("SECONDS").description("Stop after this many seconds without a request.").build());
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        environment.service().running().ifPresent(endpoint -> {
            throw new CommandFailure(ExitCode.FAILURE, Messages.alreadyRunning(endpoint));
        });
        ServiceSettings settings = environment.settings().load();
        HostedService service = environment.host().startListening(port == null ? settings : settings.withPort(port));
        long pid = ProcessHandle.current().pid();
        ServiceEndpoint endpoint = new ServiceEndpoint(pid, service.url());
        ServiceRecord record = new ServiceRecord(environment.home().pidFile());
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(() -> {
            System.out.println("Stopping the service (PID " + pid + ")...");
            try {
                service.close();
            } finally {
                record.deleteIfOwnedBy(pid);
                System.out.println("Service stopped.");
                stopped.countDown();
            }
        }, "foundry-service-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        // POST /shutdown takes the same way out as SIGTERM: the hook above closes the service and the pid file.
        service.onStopRequest(() -> System.exit(ExitCode.OK));
        if (idleTimeoutSeconds != null) {
            service.stopWhenIdleFor(Duration.ofSeconds(idleTimeoutSeconds));
        }
        // Recorded while the engines still start: 'service status' finds it at once, requests wait for the engines.
        record.write(endpoint, environment.catalogVariable());
        try {
            service.awaitReady();
        } catch (RuntimeException failed) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdown);
            } catch (IllegalStateException alreadyStopping) {
                // a SIGTERM came during the start-up; the hook is running and cleans up
            }
            record.deleteIfOwnedBy(pid);
            throw failed;
        }
        out.println(Messages.running(endpoint));
        out.flush();
        stopped.await();
        return ExitCode.OK;
    }
}
