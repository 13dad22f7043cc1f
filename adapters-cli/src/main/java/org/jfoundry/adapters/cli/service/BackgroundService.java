package org.jfoundry.adapters.cli.service;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jfoundry.adapters.cli.CommandFailure;
import org.jfoundry.adapters.cli.ExitCode;
import org.jfoundry.adapters.cli.ServiceControl;
import org.jfoundry.adapters.cli.ServiceEndpoint;
import org.jfoundry.adapters.cli.client.HttpServiceClient;
import org.jfoundry.adapters.cli.client.ServiceClient;
import org.jfoundry.ports.settings.FoundryHome;

/**
 * The service as a background process: started detached ({@code setsid}, output appended to the log in the foundry
 * home) so it outlives the CLI and the terminal, found through its {@link ServiceRecord}, stopped with SIGTERM so its
 * shutdown hook can finish or cancel requests and unload models.
 */
public final class BackgroundService implements ServiceControl {
    /** Long enough for a cold JVM on a busy machine; a healthy start takes about a second. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    static final String MALLOC_ARENA_MAX = "MALLOC_ARENA_MAX";
    static final int SERVICE_MALLOC_ARENAS = 2;

    private final FoundryHome home;
    private final ServiceRecord record;
    private final HealthProbe probe;
    private final Supplier<List<String>> serviceCommand;
    private final Supplier<String> apiKey;

    /**
     * @param serviceCommand the command that runs the service in the foreground (see {@link JavaCommand}); asked only
     *                       when starting, as working it out loads classes {@code service status} does not need
     * @param apiKey         the key clients must send, or null; asked only when a command talks to the service
     */
    public BackgroundService(FoundryHome home, Supplier<List<String>> serviceCommand, Supplier<String> apiKey) {
        this.home = home;
        this.record = new ServiceRecord(home.pidFile());
        this.probe = HealthProbe.quick();
        this.serviceCommand = serviceCommand;
        this.apiKey = apiKey;
    }

    @Override
    public Optional<String> catalogVariableOf(ServiceEndpoint endpoint) {
        return record.read().filter(endpoint::equals).flatMap(recorded -> record.catalogVariable());
    }

    @Override
    public Optional<ServiceEndpoint> running() {
        // A service still starting counts: it answers, and requests wait until its engines are up.
        return record.read().filter(endpoint -> probe.state(endpoint.url()).answers());
    }

    @Override
    @SuppressWarnings("try") // the lock only has to be held: two starts at once must not both spawn a service
    public StartOutcome start(StartOptions options) {
        try (FileChannel lockFile = openLockFile(); FileLock lock = lockFile.lock()) {
            Optional<ServiceEndpoint> running = running();
            if (running.isPresent()) {
                return new StartOutcome(running.get(), true);
            }
            endUnansweringService();
            Process process = spawn(options);
            return new StartOutcome(awaitHealthy(process), false);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the service", e);
        }
    }

    @Override
    public Optional<ServiceEndpoint> stop() {
        Optional<ServiceEndpoint> recorded = record.read();
        if (recorded.isEmpty()) {
            return Optional.empty();
        }
        ServiceEndpoint endpoint = recorded.get();
        Optional<ProcessHandle> process = ProcessHandle.of(endpoint.pid()).filter(BackgroundService::isOurs);
        if (process.isEmpty()) {
            record.delete();
            return Optional.empty();
        }
        terminate(process.get());
        record.deleteIfOwnedBy(endpoint.pid());
        return Optional.of(endpoint);
    }

    /** Asks the service to stop (its shutdown hook finishes requests), and kills it when it does not in time. */
    private static void terminate(ProcessHandle process) {
        process.destroy();
        try {
            process.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stuck) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure(ExitCode.CANCELLED, "interrupted while waiting for the service to stop");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public ServiceClient connect(ServiceEndpoint endpoint) {
        return new HttpServiceClient(endpoint.url(), apiKey.get());
    }

    private Process spawn(StartOptions options) throws IOException {
        Files.createDirectories(home.logsDirectory());
        List<String> command = new ArrayList<>();
        // A new session: Ctrl+C in the terminal that ran 'foundry service start' must not reach the service.
        Optional<Path> setsid = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid")).stream()
                .filter(Files::isExecutable).findFirst();
        setsid.ifPresent(path -> command.add(path.toString()));
        command.addAll(serviceCommand.get());
        command.addAll(options.arguments());
        File log = home.serviceLog().toFile();
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
                .redirectErrorStream(true);
        limitMallocArenas(builder.environment());
        return builder.start();
    }

    /**
     * Caps glibc's heaps (arenas) from the service's first instruction, unless the user set a cap: by default a thread
     * that meets contention gets a heap of its own, up to 8 per core, and after an unload each keeps a part of what
     * the inference threads used resident, which {@code malloc_trim} cannot give back. (It has to be the environment:
     * {@code mallopt} from Java comes after the JVM's own threads made heaps, and capping then made it worse.)
     * Measured with SmolLM2 in benchmarks/ORT-BENCHMARKS.md.
     */
    static void limitMallocArenas(Map<String, String> environment) {
        environment.putIfAbsent(MALLOC_ARENA_MAX, Integer.toString(SERVICE_MALLOC_ARENAS));
    }

    private ServiceEndpoint awaitHealthy(Process process) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ServiceEndpoint> endpoint = record.read();
            // 'service start' says "Started" only once the engines are up too, and reports a failed start-up.
            if (endpoint.isPresent() && probe.isHealthy(endpoint.get().url())) {
                return endpoint.get();
            }
            if (!process.isAlive()) {
                throw new CommandFailure(ExitCode.SERVICE_START_FAILED, "The service exited with status "
                        + process.exitValue() + " while starting. " + LogTail.describe(home.serviceLog(), 1));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CommandFailure(ExitCode.CANCELLED, "interrupted while waiting for the service to start");
            }
        }
        process.destroy();
        throw new CommandFailure(ExitCode.SERVICE_START_FAILED, "The service did not answer within "
                + START_TIMEOUT.toSeconds() + " s. " + LogTail.describe(home.serviceLog(), 1));
    }

    /**
     * Clears the way for a new service. A record whose process is gone (a crash, a reboot) is forgotten; a recorded
     * service that lives but does not answer (its listener died) is stopped first, so two JVMs never share the record
     * and the old one is not left running where no command can reach it.
     */
    private void endUnansweringService() {
        record.read().ifPresent(endpoint -> {
            ProcessHandle.of(endpoint.pid()).filter(BackgroundService::isOurs).ifPresent(BackgroundService::terminate);
            record.delete();
        });
    }

    private FileChannel openLockFile() throws IOException {
        Files.createDirectories(home.root());
        return FileChannel.open(home.root().resolve("service.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    /**
     * Guards against a reused pid: only a live Java process is ours to stop. (The command line cannot tell more: the
     * kernel shows ProcessHandle only its first 4 KiB, and the class path alone is longer.)
     */
    private static boolean isOurs(ProcessHandle process) {
        return process.isAlive() && process.info().command()
                .map(command -> Path.of(command).getFileName().toString().startsWith("java")).orElse(true);
    }
}
