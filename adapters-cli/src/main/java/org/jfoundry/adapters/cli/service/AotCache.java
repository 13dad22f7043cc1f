package org.jfoundry.adapters.cli.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The service JVM's AOT cache (JDK 25, JEP 483/514/515): classes loaded and linked, and method profiles, from an
 * earlier run of the service. A service started without a cache that is current trains one: the JVM writes it when
 * the service exits ({@code foundry service stop}, which then takes a second or two longer, once). A cache is current
 * when it is newer than every jar and folder on the class path and than the JDK's own modules: the JVM ignores a cache
 * that does not match them (quietly, as the launcher turns the aot log off), so an older one would never be used.
 * Two services started at the same moment from different foundry homes may both train; the last to stop writes it.
 */
final class AotCache {
    private AotCache() {
    }

    /**
     * {@code -XX:AOTCache=} when the cache is current, {@code -XX:AOTCacheOutput=} to train it when its folder can
     * be written, else nothing (the service then starts without one).
     */
    static Optional<String> flag(Path cache, List<Path> inputs) {
        if (isCurrent(cache, inputs)) {
            return Optional.of("-XX:AOTCache=" + cache);
        }
        Path folder = cache.toAbsolutePath().getParent();
        return folder != null && Files.isDirectory(folder) && Files.isWritable(folder)
                ? Optional.of("-XX:AOTCacheOutput=" + cache) : Optional.empty();
    }

    /** What a cache depends on: the class path's entries and the JDK's module image. */
    static List<Path> inputs(Path javaHome, String classPath) {
        List<Path> inputs = new ArrayList<>();
        inputs.add(javaHome.resolve("lib").resolve("modules"));
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                inputs.add(Path.of(entry));
            }
        }
        return inputs;
    }

    static boolean isCurrent(Path cache, List<Path> inputs) {
        try {
            if (!Files.isRegularFile(cache) || Files.size(cache) == 0) {
                return false;
            }
            FileTime written = Files.getLastModifiedTime(cache);
            for (Path input : inputs) {
                if (Files.exists(input) && Files.getLastModifiedTime(input).compareTo(written) >= 0) {
                    return false;
                }
            }
            return true;
        } catch (IOException unreadable) {
            return false;
        }
    }
}
