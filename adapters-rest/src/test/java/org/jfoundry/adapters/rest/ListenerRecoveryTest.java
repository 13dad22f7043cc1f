package org.jfoundry.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A listener killed by descriptor exhaustion caused elsewhere in the process is noticed: the service stops, so that
 * the CLI's next command starts a new one, rather than living on without answering. Runs the service in a JVM of its
 * own with {@code ulimit -n 512}.
 */
class ListenerRecoveryTest {

    @Test
    void aListenerKilledByTooManyOpenFilesStopsTheServiceOnceDescriptorsAreFreeAgain(@TempDir Path temp) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path errors = temp.resolve("stderr.txt");
        Process child = new ProcessBuilder(List.of("bash", "-c", "ulimit -n 512 && exec \"$0\" -cp \"$1\" \"$2\"",
                java.toString(), System.getProperty("java.class.path"), DescriptorExhaustionChild.class.getName()))
                .redirectError(errors.toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            PrintWriter commands = new PrintWriter(child.getOutputStream(), true, StandardCharsets.UTF_8);
            String portLine = out.readLine();
            assertThat(portLine).as(Files.readString(errors)).startsWith("port=");
            int port = Integer.parseInt(portLine.substring("port=".length()));

            commands.println("exhaust");
            assertThat(out.readLine()).startsWith("exhausted after ");
            // The kernel completes this connection; the listener's accept then fails with "Too many open files".
            try (Socket socket = new Socket("127.0.0.1", port); OutputStream ignored = socket.getOutputStream()) {
                Thread.sleep(1_000);
            }
            commands.println("release");
            assertThat(out.readLine()).isEqualTo("released");

            boolean exited = child.waitFor(30, TimeUnit.SECONDS);
            assertThat(exited).as("the service noticed its dead listener and stopped; its log: %s",
                    Files.readString(errors)).isTrue();
            assertThat(child.exitValue()).isEqualTo(DescriptorExhaustionChild.STOPPED);
            assertThat(Files.readString(errors)).contains("stopped accepting connections");
        } finally {
            child.destroyForcibly();
        }
    }
}
