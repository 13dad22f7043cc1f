package org.jfoundry.adapters.cli.container;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the container image holds, run as a local process where no Docker is needed: the same class path (no test
 * jar on it), the same command and the same foundry home, listening on a free loopback port instead of 0.0.0.0:5272.
 * It shows that the packaged service starts and serves the real engines from exactly what the image gets.
 */
class PackagedServiceProcessTest extends PackagedServiceContract {
    /** What the foreground command prints once the service listens and its engines are ready. */
    private static final Pattern RUNNING = Pattern.compile("running on (http://\\S+)/openai/status");

    private Process service;
    private Path errors;

    @Override
    URI start(Path home) throws Exception {
        PackagedServiceImage.writeHome(home, "127.0.0.1", 0); // port 0: parallel builds never collide
        List<String> classPath = PackagedServiceImage.classPath(Path.of("target")).stream().map(Path::toString).toList();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        errors = home.resolve("service-stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(PackagedServiceImage.serviceCommand(java, classPath))
                .redirectError(errors.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        // As clean as the container: none of the developer's foundry overrides (engine, catalog, native libraries).
        builder.environment().keySet().removeIf(name -> name.startsWith("FOUNDRY_"));
        builder.environment().put("FOUNDRY_HOME", home.toString());
        service = builder.start();
        return URI.create(awaitRunningUrl());
    }

    @Override
    void stop() {
        if (service == null) {
            return;
        }
        service.destroy(); // SIGTERM, as 'foundry service stop' sends
        try {
            if (!service.waitFor(60, TimeUnit.SECONDS)) {
                service.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            service.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Reads the service's output on a thread of its own (which keeps draining it) until the running line comes. */
    private String awaitRunningUrl() throws Exception {
        CompletableFuture<String> url = new CompletableFuture<>();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(service.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    Matcher running = RUNNING.matcher(line);
                    if (running.find()) {
                        url.complete(running.group(1));
                    }
                }
                url.completeExceptionally(new IllegalStateException("the service ended before it ran"));
            } catch (IOException e) {
                url.completeExceptionally(e);
            }
        }, "packaged-service-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return url.get(3, TimeUnit.MINUTES);
        } catch (ExecutionException | TimeoutException e) {
            String seen;
            synchronized (output) {
                seen = output.toString();
            }
            throw new AssertionError("the packaged service did not report running; stdout:\n" + seen + "stderr:\n"
                    + Files.readString(errors), e);
        }
    }
}
