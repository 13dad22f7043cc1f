package org.jfoundry.adapters.cli.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.jfoundry.adapters.cli.ServiceEndpoint;

/**
 * The pid file in the foundry home: {@code pid=<n>}, {@code url=<base url>} and {@code catalog=<FOUNDRY_CATALOG the
 * service started with>} lines, written by the service once it listens and removed when it stops. Reading it is the whole cost of {@code foundry service status} before the probe.
 */
public final class ServiceRecord {
    private final Path file;

    public ServiceRecord(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** The recorded endpoint; empty when there is no record or it cannot be read as one. */
    public Optional<ServiceEndpoint> read() {
        try {
            long pid = -1;
            URI url = null;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith("pid=")) {
                    pid = Long.parseLong(line.substring(4).trim());
                } else if (line.startsWith("url=")) {
                    url = URI.create(line.substring(4).trim());
                }
            }
            return pid > 0 && url != null ? Optional.of(new ServiceEndpoint(pid, url)) : Optional.empty();
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        } catch (IOException | IllegalArgumentException unreadable) {
            return Optional.empty();
        }
    }

    /**
     * The {@code FOUNDRY_CATALOG} the recorded service started with ("" for none); empty when there is no record or
     * it does not say (a service of an older build).
     */
    public Optional<String> catalogVariable() {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> line.startsWith("catalog="))
                    .map(line -> line.substring("catalog=".length()).strip()).findFirst();
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    /** Replaces the record in one step, so a reader never sees half of it. */
    public void write(ServiceEndpoint endpoint, String catalogVariable) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), "service", ".pid.tmp");
            Files.writeString(temporary, "pid=" + endpoint.pid() + "\nurl=" + endpoint.urlWithoutSlash()
                    + "\ncatalog=" + catalogVariable.strip() + "\n", StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the service record " + file, e);
        }
    }

    /** Deletes the record when it still names that process (a newer service may have replaced it). */
    public void deleteIfOwnedBy(long pid) {
        if (read().map(e -> e.pid() == pid).orElse(false)) {
            delete();
        }
    }

    public void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the service record " + file, e);
        }
    }
}
