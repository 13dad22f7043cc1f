package org.jfoundry.adapters.catalog;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * One file of a model, where to fetch it and what to expect.
 *
 * @param path     the path inside the model folder, with '/' separators
 * @param size     bytes, or -1 when unknown
 * @param checksum null when the source gives none
 * @param headers  extra request headers (an authorization token)
 */
record RemoteFile(String path, URI source, long size, Checksum checksum, Map<String, String> headers) {
    RemoteFile {
        Objects.requireNonNull(source, "source");
        path = SafePaths.requireRelative(path);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    RemoteFile(String path, URI source, long size, Checksum checksum) {
        this(path, source, size, checksum, Map.of());
    }

    RemoteFile withPath(String newPath) {
        return new RemoteFile(newPath, source, size, checksum, headers);
    }
}
