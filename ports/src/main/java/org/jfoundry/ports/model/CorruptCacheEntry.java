package org.jfoundry.ports.model;

import java.nio.file.Path;

/** A folder in the cache that looks like a model but cannot be read as one, and why. */
public record CorruptCacheEntry(Path folder, String reason) {
}
