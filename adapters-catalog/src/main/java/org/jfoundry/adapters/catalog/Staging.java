package org.jfoundry.adapters.catalog;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jfoundry.ports.failure.DownloadFailedException;

/**
 * The folder a model is built in before it is renamed into the cache: {@code v<version>.download/} beside its target,
 * marked by {@code download.tmp} and locked for as long as this object is open, so that another process (a CLI beside
 * the service) cannot fill the same folder at once. Nothing behind the marker ever counts as a model.
 */
final class Staging implements AutoCloseable {
    private final Path folder;
    private final FileChannel marker;

    private Staging(Path folder, FileChannel marker) {
        this.folder = folder;
        this.marker = marker;
    }

    /** Opens (creating or reusing) the staging folder of {@code target}; {@code what} names the model in messages. */
    static Staging open(Path target, Object what) throws IOException {
        Path folder = ModelLayout.stagingFor(target);
        Files.createDirectories(folder);
        FileChannel marker = FileChannel.open(folder.resolve(ModelLayout.DOWNLOAD_MARKER),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = marker.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException | RuntimeException e) {
            marker.close();
            throw e;
        }
        if (lock == null) {
            marker.close();
            throw new DownloadFailedException("Another download of " + what + " is writing " + folder);
        }
        return new Staging(folder, marker); // the lock is held until the channel closes
    }

    Path folder() {
        return folder;
    }

    /**
     * Moves a finished model folder to {@code target} in one step. A leftover at the target (not a model: the caller
     * checked) is removed first.
     */
    static void moveIntoPlace(Path finished, Path target) throws IOException {
        if (Files.exists(target)) {
            CacheModelStore.deleteTree(target);
        }
        Files.move(finished, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Files.deleteIfExists(target.resolve(ModelLayout.DOWNLOAD_MARKER));
    }

    @Override
    public void close() throws IOException {
        marker.close();
    }
}
