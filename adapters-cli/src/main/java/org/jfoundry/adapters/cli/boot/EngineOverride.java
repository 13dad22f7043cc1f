package org.jfoundry.adapters.cli.boot;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import org.jfoundry.ports.failure.EngineFailureException;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.model.HardwareInfo;
import org.jfoundry.ports.out.HardwareProbe;
import org.jfoundry.ports.out.InferenceEngine;

/**
 * {@code FOUNDRY_ENGINE=<name>}: serve every model with the {@link InferenceEngine} of that name found on the class
 * path through {@link ServiceLoader}, instead of ONNX Runtime. For tests and development only: the product class
 * path registers no such engine, so in a normal install the variable names nothing and the service refuses to start
 * with a message saying so. The end-to-end tests put the ports test-jar's fake engine on the class path this way, so a
 * really started service can be driven without native libraries or model files. Hardware is then reported as CPU
 * only, because no runtime was asked.
 */
final class EngineOverride {
    static final String VARIABLE = "FOUNDRY_ENGINE";

    private EngineOverride() {
    }

    static Optional<String> requested(Map<String, String> environment) {
        String name = environment.get(VARIABLE);
        return name == null || name.isBlank() ? Optional.empty() : Optional.of(name.trim());
    }

    static InferenceEngine load(String name) {
        List<InferenceEngine> found = ServiceLoader.load(InferenceEngine.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        return found.stream().filter(engine -> engine.name().equals(name)).findFirst()
                .orElseThrow(() -> new EngineFailureException(VARIABLE + "=" + name + " names no inference engine on "
                        + "the class path (found: " + found.stream().map(InferenceEngine::name).toList()
                        + "); unset it to use ONNX Runtime"));
    }

    static HardwareProbe cpuOnly(String engineName) {
        return () -> new HardwareInfo(Set.of(ExecutionProvider.CPU),
                List.of("CPU (" + VARIABLE + "=" + engineName + ": no native runtime was asked)"));
    }
}
