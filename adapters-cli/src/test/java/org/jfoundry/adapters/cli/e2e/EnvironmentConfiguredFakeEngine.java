package org.jfoundry.adapters.cli.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jfoundry.ports.out.InferenceEngine;
import org.jfoundry.ports.out.ModelHandle;
import org.jfoundry.ports.out.ModelLoadSpec;
import org.jfoundry.ports.testing.FakeInferenceEngine;

/**
 * The ports test-jar's fake engine, made available to a real service process through {@link java.util.ServiceLoader}
 * (see {@code META-INF/services} in the test resources) and selected with {@code FOUNDRY_ENGINE=fake}. The service
 * runs in another process, so the test configures it through {@code FOUNDRY_FAKE_TOKEN_DELAY_MS} and
 * {@code FOUNDRY_FAKE_CHUNKS} (a JSON array of the strings every generation produces, one token each).
 */
public final class EnvironmentConfiguredFakeEngine implements InferenceEngine {
    static final String TOKEN_DELAY_VARIABLE = "FOUNDRY_FAKE_TOKEN_DELAY_MS";
    static final String CHUNKS_VARIABLE = "FOUNDRY_FAKE_CHUNKS";

    private final FakeInferenceEngine fake = new FakeInferenceEngine("fake");

    public EnvironmentConfiguredFakeEngine() {
        String delay = System.getenv(TOKEN_DELAY_VARIABLE);
        if (delay != null && !delay.isBlank()) {
            fake.tokenDelay(Duration.ofMillis(Long.parseLong(delay.trim())));
        }
        String chunks = System.getenv(CHUNKS_VARIABLE);
        if (chunks != null && !chunks.isBlank()) {
            try {
                fake.scriptedChunks(List.of(new ObjectMapper().readValue(chunks, String[].class)));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(CHUNKS_VARIABLE + " must be a JSON array of strings", e);
            }
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
