package org.jfoundry.adapters.catalog;

import java.nio.file.Path;

/** Paths that come from a server or a catalog file never leave the folder they are meant for. */
final class SafePaths {
    private SafePaths() {
    }

    static String requireRelative(String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("a model file has an empty path");
        }
        String normalized = path.replace('\\', '/');
        while (normalized.startsWith("./")) {
            normalized = normalized.substring(2);
        }
        if (normalized.startsWith("/") || normalized.contains("\0")) {
            throw new IllegalArgumentException("model file path '" + path + "' must be relative");
        }
        for (String segment : normalized.split("/")) {
            if (segment.equals("..") || segment.isEmpty() || segment.equals(".")) {
                throw new IllegalArgumentException("model file path '" + path + "' must not contain '..' or empty parts");
            }
        }
        return normalized;
    }

    static Path resolveInside(Path folder, String relative) {
        Path resolved = folder.resolve(requireRelative(relative)).normalize();
        if (!resolved.startsWith(folder.normalize())) {
            throw new IllegalArgumentException("model file path '" + relative + "' leaves " + folder);
        }
        return resolved;
    }
}
