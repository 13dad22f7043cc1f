package org.jfoundry.adapters.ort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jfoundry.adapters.ort.runtime.OrtEnvironment;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.model.HardwareInfo;
import org.jfoundry.ports.out.HardwareProbe;

/**
 * Reports the execution providers of the loaded ONNX Runtime build that can run on this machine, and the CPU. A
 * provider the build lists is reported only when {@link ProviderCheck} finds it usable (a CUDA build on a machine
 * without a GPU lists CUDA, and would otherwise make {@code -cuda-gpu} variants preferred and then fail to load);
 * the others are named in the device descriptions with the reason. Probed once: the hardware does not change.
 */
final class OrtHardwareProbe implements HardwareProbe {
    private final OrtEnvironment environment;
    private final Supplier<List<String>> listed;
    private final ProviderCheck check;
    private volatile HardwareInfo probed;

    OrtHardwareProbe(OrtEnvironment environment) {
        this(environment, environment::availableProviders, ProviderCheck.withSession(environment));
    }

    /** {@code listed}: the providers compiled into the build, as ONNX Runtime names them. */
    OrtHardwareProbe(OrtEnvironment environment, Supplier<List<String>> listed, ProviderCheck check) {
        this.environment = environment;
        this.listed = listed;
        this.check = check;
    }

    @Override
    public HardwareInfo probe() {
        HardwareInfo info = probed;
        if (info == null) {
            synchronized (this) {
                if (probed == null) {
                    probed = probeNow();
                }
                info = probed;
            }
        }
        return info;
    }

    private HardwareInfo probeNow() {
        List<String> reported = listed.get();
        Set<ExecutionProvider> providers = EnumSet.noneOf(ExecutionProvider.class);
        List<String> unknown = new ArrayList<>();
        List<String> unusable = new ArrayList<>();
        for (String name : reported) {
            Optional<ExecutionProvider> provider = ExecutionProvider.find(name);
            if (provider.isEmpty()) {
                unknown.add(name);
            } else if (provider.get() == ExecutionProvider.CPU) {
                providers.add(ExecutionProvider.CPU);
            } else {
                check.whyUnusable(provider.get()).ifPresentOrElse(
                        why -> unusable.add(provider.get().shortName() + " is compiled in but unusable here: " + why),
                        () -> providers.add(provider.get()));
            }
        }
        List<String> devices = new ArrayList<>();
        devices.add("CPU: " + cpuModel().orElse("unknown model") + ", " + Runtime.getRuntime().availableProcessors()
                + " logical cores");
        devices.add("ONNX Runtime " + environment.library().version() + " from " + environment.library().path()
                + ", providers " + reported);
        devices.addAll(unusable);
        if (!unknown.isEmpty()) {
            devices.add("providers jfoundry does not use: " + unknown);
        }
        return new HardwareInfo(providers, devices);
    }

    private static Optional<String> cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
