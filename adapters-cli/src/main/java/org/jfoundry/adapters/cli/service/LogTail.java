package org.jfoundry.adapters.cli.service;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines of the service log, read from its end so a large log costs nothing. */
final class LogTail {
    private static final int MAX_BYTES = 64 * 1024;

    private LogTail() {
    }

    static List<String> lastLines(Path log, int count) {
        if (!Files.isRegularFile(log)) {
            return List.of();
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            int size = (int) Math.min(length, MAX_BYTES);
            byte[] bytes = new byte[size];
            file.seek(length - size);
            file.readFully(bytes);
            List<String> lines = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
            return lines.subList(Math.max(0, lines.size() - count), lines.size());
        } catch (IOException e) {
            return List.of("(could not read " + log + ": " + e.getMessage() + ")");
        }
    }

    /** "Last log line: ... (log: path)", for one-line errors. */
    static String describe(Path log, int count) {
        List<String> lines = lastLines(log, count).stream().filter(l -> !l.isBlank()).toList();
        return (lines.isEmpty() ? "" : "Last log line: " + String.join(" | ", lines) + " ") + "(log: " + log + ")";
    }
}
