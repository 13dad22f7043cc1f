package org.jfoundry.adapters.ort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jfoundry.adapters.ort.runtime.OrtEnvironment;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.model.HardwareInfo;
import org.jfoundry.ports.out.HardwareProbe;

/** Reports the execution providers the loaded ONNX Runtime build offers, and the CPU it runs on. */
final class OrtHardwareProbe implements HardwareProbe {
    private final OrtEnvironment environment;

    OrtHardwareProbe(OrtEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public HardwareInfo probe() {
        List<String> reported = environment.availableProviders();
        Set<ExecutionProvider> providers = EnumSet.noneOf(ExecutionProvider.class);
        List<String> unknown = new ArrayList<>();
        for (String name : reported) {
            ExecutionProvider.find(name).ifPresentOrElse(providers::add, () -> unknown.add(name));
        }
        List<String> devices = new ArrayList<>();
        devices.add("CPU: " + cpuModel().orElse("unknown model") + ", " + Runtime.getRuntime().availableProcessors()
                + " logical cores");
        devices.add("ONNX Runtime " + environment.library().version() + " from " + environment.library().path()
                + ", providers " + reported);
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
