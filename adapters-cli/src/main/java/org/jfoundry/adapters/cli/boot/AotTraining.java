package org.jfoundry.adapters.cli.boot;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jfoundry.adapters.cli.CliEnvironment;
import org.jfoundry.adapters.cli.ServiceEndpoint;
import org.jfoundry.adapters.cli.foundry.FoundryCli;
import org.jfoundry.adapters.cli.service.BackgroundService;
import org.jfoundry.adapters.cli.service.ServiceRecord;
import org.jfoundry.adapters.cli.service.StatusReport;
import org.jfoundry.ports.settings.FoundryHome;

/**
 * The training run of the CLI's JDK AOT cache (the {@code foundry} launcher runs it with {@code -XX:AOTCacheOutput}
 * once after each build): the commands users and SDKs run most, end to end through the real command line, HTTP client
 * and JSON reading, against a stand-in service on a loopback port and in a temporary foundry home, so that training
 * touches neither the user's service nor their home. The classes it loads and links, and the profiles of what it
 * runs, are what {@code foundry model list} and {@code foundry service status} then start with.
 */
public final class AotTraining {
    private static final String CANNED_LIST = "aot-training-list.json";
    /** A few rounds, so that the cache holds method profiles of the hot paths too, not only loaded classes. */
    private static final int ROUNDS = 3;
    private static final List<List<String>> COMMANDS = List.of(
            List.of("model", "list"), List.of("model", "list", "--variants"), List.of("model", "list", "-o", "json"),
            List.of("service", "status"), List.of("model", "list", "--help"));

    private AotTraining() {
    }

    public static void main(String[] args) throws IOException {
        byte[] listing = cannedListing();
        Path home = Files.createTempDirectory("foundry-aot-training");
        HttpServer standIn = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        try {
            standIn.createContext("/health", exchange -> answer(exchange, "{\"status\":\"ok\"}".getBytes()));
            standIn.createContext("/foundry/list", exchange -> answer(exchange, listing));
            standIn.start();
            FoundryHome foundryHome = new FoundryHome(home);
            URI url = URI.create("http://127.0.0.1:" + standIn.getAddress().getPort());
            new ServiceRecord(foundryHome.pidFile()).write(new ServiceEndpoint(ProcessHandle.current().pid(), url), "");
            BackgroundService service = new BackgroundService(foundryHome, () -> {
                throw new IllegalStateException("AOT training never starts a service");
            }, () -> null);
            CliEnvironment environment = Main.environment(foundryHome, service, "");
            PrintWriter discard = new PrintWriter(OutputStream.nullOutputStream());
            for (int round = 0; round < ROUNDS; round++) {
                for (List<String> command : COMMANDS) {
                    String[] words = command.toArray(String[]::new);
                    int exit = FoundryCli.commandLine(environment, discard, discard, words).execute(words);
                    if (exit != 0) {
                        throw new IllegalStateException("AOT training: '" + String.join(" ", command) + "' exited " + exit);
                    }
                }
                StatusReport.print(service, discard, false);
            }
        } finally {
            standIn.stop(0);
            deleteTree(home);
        }
    }

    private static byte[] cannedListing() throws IOException {
        try (InputStream in = AotTraining.class.getResourceAsStream(CANNED_LIST)) {
            if (in == null) {
                throw new IOException("the resource " + CANNED_LIST + " is missing from the class path");
            }
            return in.readAllBytes();
        }
    }

    private static void answer(HttpExchange exchange, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
