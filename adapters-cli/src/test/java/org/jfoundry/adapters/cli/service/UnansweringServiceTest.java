package org.jfoundry.adapters.cli.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jfoundry.adapters.cli.CommandFailure;
import org.jfoundry.adapters.cli.ServiceEndpoint;
import org.jfoundry.ports.settings.FoundryHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recorded service JVM that lives but no longer answers (its listener died) is never left orphaned. */
class UnansweringServiceTest {
    @TempDir
    Path dir;

    /** A JVM that answers nothing, as a service whose listener died. */
    public static final class Silent {
        public static void main(String[] args) throws InterruptedException {
            Thread.sleep(120_000);
        }
    }

    private static Process silentJvm() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Silent.class.getName()).start();
    }

    @Test
    void startingAgainStopsTheUnansweringServiceBeforeSpawningAnother() throws Exception {
        FoundryHome home = new FoundryHome(dir);
        Process wedged = silentJvm();
        try {
            new ServiceRecord(home.pidFile()).write(new ServiceEndpoint(wedged.pid(), URI.create("http://127.0.0.1:9/")), "");
            String java = ProcessHandle.current().info().command().orElseThrow();
            // The new service fails at once here; what matters is what happened to the old one before it.
            BackgroundService service = new BackgroundService(home, () -> List.of(java, "-version"), () -> null);

            assertThatThrownBy(service::start).isInstanceOf(CommandFailure.class);

            assertThat(wedged.waitFor(10, TimeUnit.SECONDS)).as("the unanswering JVM was stopped").isTrue();
        } finally {
            wedged.destroyForcibly();
        }
    }

    @Test
    void stoppingStopsAServiceThatDoesNotAnswer() throws Exception {
        FoundryHome home = new FoundryHome(dir);
        Process wedged = silentJvm();
        try {
            new ServiceRecord(home.pidFile()).write(new ServiceEndpoint(wedged.pid(), URI.create("http://127.0.0.1:9/")), "");

            assertThat(new BackgroundService(home, List::of, () -> null).stop()).isPresent();
            assertThat(wedged.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(new ServiceRecord(home.pidFile()).read()).isEmpty();
        } finally {
            wedged.destroyForcibly();
        }
    }
}
