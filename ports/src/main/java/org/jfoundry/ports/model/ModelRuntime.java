package org.jfoundry.ports.model;

import java.util.Objects;

/** Where a catalog variant runs: the catalog's {@code runtime} object. */
public record ModelRuntime(DeviceType deviceType, ExecutionProvider executionProvider) {
    public ModelRuntime {
        Objects.requireNonNull(deviceType, "deviceType");
        Objects.requireNonNull(executionProvider, "executionProvider");
    }

    public static final ModelRuntime CPU = new ModelRuntime(DeviceType.CPU, ExecutionProvider.CPU);
}
