package org.jfoundry.adapters.ort.runtime;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The loaded native library: where it came from and its version. Produced by the loader once the {@code OrtApi}
 * table is installed.
 *
 * @param apiVersion the {@code OrtApi} version bound (the library may support newer ones too)
 */
public record OrtLibrary(Path path, String version, int apiVersion) {
    public OrtLibrary {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(version, "version");
    }
}
