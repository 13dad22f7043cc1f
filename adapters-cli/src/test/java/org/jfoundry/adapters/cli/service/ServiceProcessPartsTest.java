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
import java.util.List;
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

        record.write(new ServiceEndpoint(123, URI.create("http://127.0.0.1:5272/")));

        assertThat(record.read()).contains(new ServiceEndpoint(123, URI.create("http://127.0.0.1:5272")));
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
        assertThat(JavaCommand.serviceFlags(List.of("-XX:SharedArchiveFile=/b/target/foundry-cli.jsa",
                "-XX:+AutoCreateSharedArchive", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
                "--enable-native-access=ALL-UNNAMED", "-Xmx2g", "-agentlib:jdwp=transport=dt_socket")))
                .containsExactly("-XX:SharedArchiveFile=/b/target/foundry-service.jsa", "-XX:+AutoCreateSharedArchive",
                        "--enable-native-access=ALL-UNNAMED", "-Xmx2g");
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
