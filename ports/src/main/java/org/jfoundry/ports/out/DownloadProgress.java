package org.jfoundry.ports.out;

/**
 * Progress of one model download, summed over its files.
 *
 * @param currentFile    the file being written, relative to the model folder
 * @param totalBytes     0 when unknown
 * @param bytesPerSecond recent average speed
 */
public record DownloadProgress(String currentFile, long doneBytes, long totalBytes, double bytesPerSecond) {

    /** 0 to 100; 0 when the total is unknown. */
    public double percent() {
        return totalBytes <= 0 ? 0 : Math.min(100.0, 100.0 * doneBytes / totalBytes);
    }
}
