package org.jfoundry.ports.failure;

/** A download could not complete (network, checksum, disk space); nothing partial is left in the cache. */
public final class DownloadFailedException extends FoundryException {
    public DownloadFailedException(String message) {
        super(message);
    }

    public DownloadFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
