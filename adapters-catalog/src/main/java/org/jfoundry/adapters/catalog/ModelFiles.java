package org.jfoundry.adapters.catalog;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The files that make up one model, as a source lists them. */
record ModelFiles(List<RemoteFile> files) {
    /** Files that mark the folder a model lives in, the most telling first. */
    private static final List<String> ROOT_MARKERS = List.of("genai_config.json", "model.onnx", "inference_model.json");

    ModelFiles {
        files = List.copyOf(files);
        Set<String> paths = files.stream().map(RemoteFile::path).collect(Collectors.toSet());
        if (paths.size() != files.size()) {
            throw new IllegalArgumentException("a model lists the same file twice");
        }
    }

    /** -1 when any size is unknown. */
    long knownTotalBytes() {
        long total = 0;
        for (RemoteFile file : files) {
            if (file.size() < 0) {
                return -1;
            }
            total += file.size();
        }
        return total;
    }

    /**
     * Blob containers and repositories often hold the model one folder down, sometimes beside a README or a licence.
     * The folder of the shallowest {@code genai_config.json} (else {@code model.onnx}, else
     * {@code inference_model.json}) becomes the model root, and files outside it are left out. When no such file
     * exists, or two folders at the same depth hold one, the list stays as it is (the download then explains why the
     * files do not make a model).
     */
    ModelFiles rootedAtModel() {
        for (String marker : ROOT_MARKERS) {
            List<String> folders = files.stream().map(RemoteFile::path)
                    .filter(path -> path.equals(marker) || path.endsWith("/" + marker))
                    .map(path -> path.substring(0, path.length() - marker.length()))
                    .toList();
            if (folders.isEmpty()) {
                continue;
            }
            int shallowest = folders.stream().mapToInt(ModelFiles::depth).min().orElseThrow();
            List<String> candidates = folders.stream().filter(folder -> depth(folder) == shallowest).distinct().toList();
            if (candidates.size() != 1 || candidates.getFirst().isEmpty()) {
                return this;
            }
            String root = candidates.getFirst();
            return new ModelFiles(files.stream().filter(f -> f.path().startsWith(root))
                    .map(f -> f.withPath(f.path().substring(root.length()))).toList());
        }
        return this;
    }

    private static int depth(String folder) {
        return (int) folder.chars().filter(c -> c == '/').count();
    }
}
