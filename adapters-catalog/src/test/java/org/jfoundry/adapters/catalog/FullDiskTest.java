package org.jfoundry.adapters.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jfoundry.ports.failure.DownloadFailedException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full disk (ENOSPC, through Linux's /dev/full) fails a download at once: retrying cannot free space. */
class FullDiskTest {
    private static final Path FULL_DEVICE = Path.of("/dev/full");
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        watchdog.shutdownNow();
    }

    @Test
    void aFullDiskIsNotRetriedAsATransientFailure() throws IOException {
        assertThat(FULL_DEVICE).as("Linux's always-full device").exists();
        Path source = Files.write(dir.resolve("model.onnx"), new byte[1 << 20]);
        Path destination = Files.createSymbolicLink(dir.resolve("partial.onnx"), FULL_DEVICE);
        // Retries would take at least 4 x 2 s; the first failure must end it.
        DownloadOptions patient = Fixtures.fastDownloads().withRetries(5, Duration.ofSeconds(2), Duration.ofSeconds(2));
        FileFetcher fetcher = new FileFetcher(HttpClient.newHttpClient(), patient, watchdog);
        RemoteFile file = new RemoteFile("model.onnx", source.toUri(), 1 << 20, null);
        long started = System.nanoTime();

        assertThatThrownBy(() -> fetcher.fetch(file, destination, bytes -> { }, new CancellationSignal()))
                .isInstanceOf(DownloadFailedException.class)
                .hasMessageContaining("No space left on device")
                .hasMessageNotContaining("attempts");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }
}
