package org.jfoundry.adapters.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code foundry service stop} while a reply is being streamed: the reply ends, the service exits, nothing hangs. */
class GracefulStopTest {
    static final String MODEL = "Slow-chat-generic-cpu:1";

    @TempDir
    Path home;
    long pid;

    @AfterEach
    void killWhateverIsLeft() {
        if (pid > 0) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void stoppingTheServiceEndsAReplyInFlightAndUnloadsTheModel() throws Exception {
        CliProcesses.prepareHome(home, MODEL, "slow-chat");
        // Six tokens at two seconds each: the reply is certainly still running when stop arrives.
        CliProcesses foundry = new CliProcesses(home, 2_000);
        CliProcesses.Run start = foundry.run(null, "service", "start");
        Matcher started = Pattern.compile("PID (\\d+)!").matcher(start.out());
        assertThat(started.find()).as(start.toString()).isTrue();
        pid = Long.parseLong(started.group(1));

        CliProcesses.Started chat = foundry.start(foundry.javaCommand("model", "run", "slow-chat", "Hi"), null);
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!chat.outSoFar().contains("Hello") && System.nanoTime() < deadline && chat.process().isAlive()) {
            Thread.sleep(50);
        }
        assertThat(chat.outSoFar()).as("the reply has started streaming").contains("Hello");

        CliProcesses.Run stop = foundry.run(null, "service", "stop");
        CliProcesses.Run reply = chat.await();

        assertThat(stop.exitCode()).as(stop.toString()).isZero();
        assertThat(stop.out()).contains("Service is stopped (PID " + pid + ")");
        Optional<ProcessHandle> service = ProcessHandle.of(pid);
        assertThat(service.map(ProcessHandle::isAlive).orElse(false)).as("the service exited").isFalse();
        assertThat(reply.out()).as("the reply was cut, not finished").doesNotContain("engine.");
        assertThat(reply.exitCode()).as("the cut reply is a failure of the chat command").isNotZero();
        assertThat(reply.err().lines().filter(line -> line.startsWith("Error: ")).count()).isEqualTo(1);
        assertThat(Files.readString(home.resolve("logs/service.log"))).contains("Service stopped.");
    }
}
