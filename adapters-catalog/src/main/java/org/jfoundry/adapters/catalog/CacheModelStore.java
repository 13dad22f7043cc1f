package org.jfoundry.adapters.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.CorruptCacheEntry;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.out.CacheScan;
import org.jfoundry.ports.out.ModelStore;

/**
 * The model cache folder. A folder is a model when it holds {@code inference_model.json} and {@code genai_config.json}
 * (or, for an embeddings model, {@code model.onnx}) and no {@code download.tmp}; models copied in by hand count too.
 * Folders that look like models but cannot be read are reported, never thrown.
 */
final class CacheModelStore implements ModelStore {
    private static final int MAX_DEPTH = 8;

    private final Path cache;

    CacheModelStore(Path cache) {
        this.cache = cache.toAbsolutePath().normalize();
    }

    @Override
    public Path cacheDirectory() {
        return cache;
    }

    @Override
    public CacheScan scan() {
        if (!Files.isDirectory(cache)) {
            return new CacheScan(List.of(), List.of());
        }
        List<CachedModel> found = new ArrayList<>();
        List<CorruptCacheEntry> corrupt = new ArrayList<>();
        try {
            Files.walkFileTree(cache, EnumSet.of(FileVisitOption.FOLLOW_LINKS), MAX_DEPTH, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (dir.equals(cache)) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (dir.getFileName().toString().startsWith(".") || Files.exists(dir.resolve(ModelLayout.DOWNLOAD_MARKER))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    if (Files.exists(dir.resolve(ModelLayout.INFERENCE_MODEL)) || Files.exists(dir.resolve(ModelLayout.GENAI_CONFIG))) {
                        classify(dir, found, corrupt);
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException failure) {
                    if (!(failure instanceof NoSuchFileException)) {
                        corrupt.add(new CorruptCacheEntry(file, "cannot be read: " + failure));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            corrupt.add(new CorruptCacheEntry(cache, "the cache cannot be scanned: " + e.getMessage()));
        }
        return withoutDuplicates(found, corrupt);
    }

    /** Reads one model folder; the store's single definition of "is a model", shared with the downloader. */
    Optional<CachedModel> read(Path folder) {
        List<CachedModel> found = new ArrayList<>();
        classify(folder, found, new ArrayList<>());
        return found.stream().findFirst();
    }

    private void classify(Path dir, List<CachedModel> found, List<CorruptCacheEntry> corrupt) {
        if (Files.exists(dir.resolve(ModelLayout.DOWNLOAD_MARKER))) {
            return;
        }
        if (!Files.isRegularFile(dir.resolve(ModelLayout.INFERENCE_MODEL))) {
            corrupt.add(new CorruptCacheEntry(dir, "it has genai_config.json but no inference_model.json"));
            return;
        }
        InferenceModelJson info;
        try {
            info = InferenceModelJson.read(dir);
        } catch (IOException | RuntimeException e) {
            corrupt.add(new CorruptCacheEntry(dir, "inference_model.json cannot be read: " + e.getMessage()));
            return;
        }
        String missing = ModelLayout.missingModelFiles(dir, info.task());
        if (missing != null) {
            corrupt.add(new CorruptCacheEntry(dir, missing));
            return;
        }
        try {
            ModelId id = idOf(info.name(), dir);
            String alias = info.alias() == null || info.alias().isBlank() ? null : info.alias();
            if (alias != null) {
                org.jfoundry.ports.model.ModelNames.requireSafe(alias, "alias");
            }
            found.add(new CachedModel(id, alias, dir, sizeOf(dir), info.task(), info.promptTemplate()));
        } catch (InvalidRequestException e) {
            corrupt.add(new CorruptCacheEntry(dir, "inference_model.json names an invalid model: " + e.getMessage()));
        } catch (IOException | UncheckedIOException e) {
            corrupt.add(new CorruptCacheEntry(dir, "its files cannot be measured: " + e.getMessage()));
        }
    }

    /**
     * The id from inference_model.json's Name; a Name without a version takes it from the folder; without a Name the
     * folders give both: {@code <name>-<version>/v<version>}, else the folder's own name and version 1.
     */
    static ModelId idOf(String name, Path dir) {
        String folderVersion = folderVersion(dir);
        if (name != null) {
            return ModelId.isFullId(name) ? ModelId.parse(name) : new ModelId(name, folderVersion == null ? "1" : folderVersion);
        }
        Path parent = dir.getParent();
        if (folderVersion != null && parent != null && parent.getFileName() != null) {
            String parentName = parent.getFileName().toString();
            String suffix = "-" + folderVersion;
            if (parentName.endsWith(suffix) && parentName.length() > suffix.length()) {
                return new ModelId(parentName.substring(0, parentName.length() - suffix.length()), folderVersion);
            }
            return new ModelId(parentName, folderVersion);
        }
        return new ModelId(dir.getFileName().toString(), "1");
    }

    private static String folderVersion(Path dir) {
        String own = dir.getFileName().toString();
        return own.length() > 1 && own.charAt(0) == 'v' ? own.substring(1) : null;
    }

    private static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    /** Two folders claiming one id: the first by path is the model, the other is reported. */
    private static CacheScan withoutDuplicates(List<CachedModel> found, List<CorruptCacheEntry> corrupt) {
        found.sort(Comparator.comparing(m -> m.folder().toString()));
        Map<ModelId, CachedModel> byId = new HashMap<>();
        List<CachedModel> models = new ArrayList<>();
        for (CachedModel model : found) {
            CachedModel first = byId.putIfAbsent(model.id(), model);
            if (first == null) {
                models.add(model);
            } else {
                corrupt.add(new CorruptCacheEntry(model.folder(), "it repeats model " + model.id() + " already in " + first.folder()));
            }
        }
        corrupt.sort(Comparator.comparing(c -> c.folder().toString()));
        return new CacheScan(models, corrupt);
    }

    @Override
    public boolean remove(ModelId id) {
        Optional<CachedModel> model = find(id);
        if (model.isEmpty()) {
            return false;
        }
        Path folder = model.get().folder();
        try {
            // Without inference_model.json the folder stops being a model at once, so a removal that stops
            // half-way never leaves something that is listed but broken.
            Files.deleteIfExists(folder.resolve(ModelLayout.INFERENCE_MODEL));
            deleteTree(folder);
            pruneEmptyParents(folder.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + folder + ": " + e.getMessage(), e);
        }
        return true;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    void pruneEmptyParents(Path dir) throws IOException {
        Path current = dir;
        while (current != null && current.startsWith(cache) && !current.equals(cache)) {
            try (Stream<Path> children = Files.list(current)) {
                if (children.findAny().isPresent()) {
                    return;
                }
            }
            Files.deleteIfExists(current);
            current = current.getParent();
        }
    }
}
