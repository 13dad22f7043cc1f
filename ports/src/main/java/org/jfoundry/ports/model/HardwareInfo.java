package org.jfoundry.ports.model;

import java.util.List;
import java.util.Set;

/** What the hardware probe found: the providers this runtime can use and the device types they reach. */
public record HardwareInfo(Set<ExecutionProvider> availableProviders, List<String> deviceDescriptions) {
    public HardwareInfo {
        availableProviders = Set.copyOf(availableProviders);
        deviceDescriptions = List.copyOf(deviceDescriptions);
    }

    public boolean has(ExecutionProvider provider) {
        return availableProviders.contains(provider);
    }
}
