package org.jfoundry.adapters.catalog;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writing the cache failed (a full disk, a quota, a read-only or vanished folder). Unlike a network failure, asking the
 * server again cannot help, so a download stops at once instead of retrying.
 */
final class LocalDiskFailure extends IOException {
    LocalDiskFailure(Path destination, IOException cause) {
        super("cannot write " + destination + ": " + cause.getMessage(), cause);
    }

    /** Runs a write to the cache, marking its failure as the disk's. */
    static <T> T writing(Path destination, DiskWrite<T> write) throws LocalDiskFailure {
        try {
            return write.run();
        } catch (LocalDiskFailure already) {
            throw already;
        } catch (IOException e) {
            throw new LocalDiskFailure(destination, e);
        }
    }

    interface DiskWrite<T> {
        T run() throws IOException;
    }
}
