package org.jfoundry.ports.testing;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.model.HardwareInfo;
import org.jfoundry.ports.out.HardwareProbe;

/** Reports whatever providers the test says are available; CPU unless told otherwise. */
public final class FakeHardwareProbe implements HardwareProbe {

    private volatile HardwareInfo info;
    private final AtomicInteger probes = new AtomicInteger();

    private FakeHardwareProbe(Set<ExecutionProvider> providers) {
        available(providers);
    }

    public static FakeHardwareProbe cpuOnly() {
        return new FakeHardwareProbe(EnumSet.of(ExecutionProvider.CPU));
    }

    /** Exactly these providers (CPU is not added implicitly). */
    public static FakeHardwareProbe with(ExecutionProvider... providers) {
        return new FakeHardwareProbe(providers.length == 0 ? Set.of() : EnumSet.copyOf(Arrays.asList(providers)));
    }

    public FakeHardwareProbe available(Set<ExecutionProvider> providers) {
        info = new HardwareInfo(providers, providers.stream().map(p -> "fake " + p.typicalDevice() + " for " + p.shortName())
                .sorted().toList());
        return this;
    }

    public int probeCount() {
        return probes.get();
    }

    @Override
    public HardwareInfo probe() {
        probes.incrementAndGet();
        return info;
    }
}
