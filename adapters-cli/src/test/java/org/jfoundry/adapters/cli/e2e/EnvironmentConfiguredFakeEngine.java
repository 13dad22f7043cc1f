package org.jfoundry.adapters.cli.e2e;

import java.time.Duration;
import java.util.Optional;
import org.jfoundry.ports.out.InferenceEngine;
import org.jfoundry.ports.out.ModelHandle;
import org.jfoundry.ports.out.ModelLoadSpec;
import org.jfoundry.ports.testing.FakeInferenceEngine;

/**
 * The ports test-jar's fake engine, made available to a real service process through {@link java.util.ServiceLoader}
 * (see {@code META-INF/services} in the test resources) and selected with {@code FOUNDRY_ENGINE=fake}. The service
 * runs in another process, so the test configures it through {@code FOUNDRY_FAKE_TOKEN_DELAY_MS}.
 */
public final class EnvironmentConfiguredFakeEngine implements InferenceEngine {
    static final String TOKEN_DELAY_VARIABLE = "FOUNDRY_FAKE_TOKEN_DELAY_MS";

    private final FakeInferenceEngine fake = new FakeInferenceEngine("fake");

    public EnvironmentConfiguredFakeEngine() {
        String delay = System.getenv(TOKEN_DELAY_VARIABLE);
        if (delay != null && !delay.isBlank()) {
            fake.tokenDelay(Duration.ofMillis(Long.parseLong(delay.trim())));
        }
    }

    @Override
    public String name() {
        return fake.name();
    }

    @Override
    public Optional<String> unavailableReason() {
        return fake.unavailableReason();
    }

    @Override
    public ModelHandle load(ModelLoadSpec spec) {
        return fake.load(spec);
    }
}
