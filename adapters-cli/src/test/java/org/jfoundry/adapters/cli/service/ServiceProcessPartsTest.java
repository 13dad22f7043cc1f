package org.jfoundry.adapters.cli.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jfoundry.adapters.cli.ServiceEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceProcessPartsTest {
    @TempDir
    Path home;

    @Test
    void theRecordRoundTripsAndIsOnlyDeletedByItsOwner() {
        ServiceRecord record = new ServiceRecord(home.resolve("service.pid"));
        assertThat(record.read()).isEmpty();

        record.write(new ServiceEndpoint(123, URI.create("http://127.0.0.1:5272/")), "/models/catalog.json");

        assertThat(record.read()).contains(new ServiceEndpoint(123, URI.create("http://127.0.0.1:5272")));
        assertThat(record.catalogVariable()).contains("/models/catalog.json");
        record.deleteIfOwnedBy(999);
        assertThat(record.read()).isPresent();
        record.deleteIfOwnedBy(123);
        assertThat(record.read()).isEmpty();
    }

    @Test
    void aGarbledRecordReadsAsNoService() throws Exception {
        Files.writeString(home.resolve("service.pid"), "pid=abc\nurl=::::\n");
        assertThat(new ServiceRecord(home.resolve("service.pid")).read()).isEmpty();
    }

    @Test
    void theProbeWantsA2xxOr401FromHealth() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        int[] status = {200};
        server.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(status[0], -1);
            exchange.close();
        });
        server.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            assertThat(HealthProbe.quick().isHealthy(url)).isTrue();
            status[0] = 401; // a service with an API key guards /health too; it is there all the same
            assertThat(HealthProbe.quick().isHealthy(url)).isTrue();
            status[0] = 503; // starting or stopping
            assertThat(HealthProbe.quick().isHealthy(url)).isFalse();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aServiceThatSaysItIsStartingAnswersButIsNotYetReadyAndOneThatIsStoppingIsDown() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String[] state = {"starting"};
        server.createContext("/health", exchange -> {
            byte[] body = ("{\"status\":\"" + state[0] + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            assertThat(HealthProbe.quick().state(url)).isEqualTo(HealthProbe.State.STARTING);
            assertThat(HealthProbe.quick().state(url).answers()).isTrue();
            assertThat(HealthProbe.quick().isHealthy(url)).isFalse();
            state[0] = "stopping";
            assertThat(HealthProbe.quick().state(url)).isEqualTo(HealthProbe.State.DOWN);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theProbeReadsAStartingAnswerWithoutWaitingForTheServerToCloseTheConnection() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            java.util.concurrent.CompletableFuture<HealthProbe.State> probed = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> new HealthProbe(5_000, 120_000)
                            .state(URI.create("http://127.0.0.1:" + listener.getLocalPort())));
            try (java.net.Socket connection = listener.accept()) {
                connection.getOutputStream().write(("HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json"
                        + "\r\nContent-Length: 21\r\n\r\n{\"status\":\"starting\"}").getBytes(StandardCharsets.US_ASCII));
                connection.getOutputStream().flush();
                // The connection stays open until the probe has answered: a probe reading to the end would time out.
                assertThat(probed.get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(HealthProbe.State.STARTING);
            }
        }
    }

    @Test
    void theProbeSaysNoWhenNothingListens() throws Exception {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        assertThat(HealthProbe.quick().isHealthy(URI.create("http://127.0.0.1:" + freePort))).isFalse();
    }

    @Test
    void theProbeReadsOnlyAnHttpStatusLine() throws Exception {
        assertThat(HealthProbe.statusOf(new ByteArrayInputStream("HTTP/1.1 204 No Content\r\n".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo(204);
        assertThat(HealthProbe.statusOf(new ByteArrayInputStream("SSH-2.0-OpenSSH".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo(-1);
    }

    @Test
    void theServiceKeepsTheFlagsButNotTheCliStartupTuning() {
        List<String> cliFlags = List.of("-XX:SharedArchiveFile=/b/target/foundry-cli.jsa",
                "-XX:+AutoCreateSharedArchive", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
                "--enable-native-access=ALL-UNNAMED", "-Xmx2g", "-agentlib:jdwp=transport=dt_socket");
        assertThat(JavaCommand.serviceFlags(cliFlags, archive -> List.of("-XX:AOTCache=" + archive + ".aot")))
                .containsExactly("-XX:AOTCache=/b/target/foundry-cli.jsa.aot", "--enable-native-access=ALL-UNNAMED", "-Xmx2g");
    }

    @Test
    void theServiceStartsWithTwoMallocArenasUnlessTheUserChoseACap() {
        Map<String, String> plain = new HashMap<>(Map.of("PATH", "/usr/bin"));
        BackgroundService.limitMallocArenas(plain);
        Map<String, String> chosen = new HashMap<>(Map.of("MALLOC_ARENA_MAX", "8"));
        BackgroundService.limitMallocArenas(chosen);

        assertThat(plain).containsEntry("MALLOC_ARENA_MAX", "2").containsEntry("PATH", "/usr/bin");
        assertThat(chosen).containsEntry("MALLOC_ARENA_MAX", "8");
    }

    @Test
    void theCliAotCacheIsSwappedForTheServicesOwnLikeAClassDataArchive() {
        List<String> cliFlags = List.of("-XX:AOTCache=/b/target/foundry-cli.aot", "-XX:+UseSerialGC",
                "--enable-native-access=ALL-UNNAMED");
        assertThat(JavaCommand.serviceFlags(cliFlags, archive -> List.of("-XX:AOTCache=" + archive.resolveSibling("service.aot"))))
                .containsExactly("-XX:AOTCache=/b/target/service.aot", "--enable-native-access=ALL-UNNAMED");
    }

    @Test
    void onJdk25TheServiceUsesTheAotCacheBesideTheCliArchiveAndBeforeItAClassDataArchive() {
        Path cliArchive = Path.of("/b/target/foundry-cli.jsa");
        assertThat(JavaCommand.archiveFlags(cliArchive, 25, cache -> Optional.of("-XX:AOTCache=" + cache)))
                .containsExactly("-XX:AOTCache=/b/target/foundry-service.aot");
        assertThat(JavaCommand.archiveFlags(cliArchive, 25, cache -> Optional.empty())).isEmpty();
        assertThat(JavaCommand.archiveFlags(cliArchive, 24, cache -> Optional.of("-XX:AOTCache=" + cache)))
                .containsExactly("-XX:SharedArchiveFile=/b/target/foundry-service.jsa", "-XX:+AutoCreateSharedArchive");
    }

    @Test
    void anAotCacheOlderThanAClassPathEntryIsTrainedAgainAndANewerOneIsUsed(@TempDir Path folder) throws Exception {
        Path jar = Files.writeString(folder.resolve("app.jar"), "jar");
        Path cache = folder.resolve("foundry-service.aot");
        assertThat(AotCache.flag(cache, List.of(jar))).as("no cache yet: train one")
                .contains("-XX:AOTCacheOutput=" + cache);

        Files.writeString(cache, "cache");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));
        assertThat(AotCache.flag(cache, List.of(jar, folder.resolve("gone.jar")))).contains("-XX:AOTCache=" + cache);

        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60))); // rebuilt after the cache
        assertThat(AotCache.flag(cache, List.of(jar))).contains("-XX:AOTCacheOutput=" + cache);

        assertThat(AotCache.flag(folder.resolve("no-such-folder").resolve("c.aot"), List.of(jar)))
                .as("nowhere to write one: start without").isEmpty();
    }

    @Test
    void theServiceCommandRunsThisJavaWithThisClassPath() {
        List<String> command = JavaCommand.forMainClass("x.Main", "service", "run");
        assertThat(command.getFirst()).isEqualTo(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        assertThat(command).containsSubsequence("-cp", System.getProperty("java.class.path"), "x.Main", "service", "run");
    }

    @Test
    void theLogTailReadsTheLastLines() throws Exception {
        Path log = home.resolve("service.log");
        Files.writeString(log, "a\nb\nc\n");
        assertThat(LogTail.lastLines(log, 2)).containsExactly("b", "c");
        assertThat(LogTail.lastLines(home.resolve("none.log"), 2)).isEmpty();
        assertThat(LogTail.describe(log, 1)).isEqualTo("Last log line: c (log: " + log + ")");
    }
}
