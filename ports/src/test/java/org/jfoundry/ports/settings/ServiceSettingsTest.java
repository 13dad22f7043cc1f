package org.jfoundry.ports.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.junit.jupiter.api.Test;

class ServiceSettingsTest {
    private final Path home = Path.of("/tmp/foundry-home");

    @Test
    void defaultsFollowTheFoundryLocalContract() {
        ServiceSettings settings = ServiceSettings.defaults(home);

        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.port()).isEqualTo(5272);
        assertThat(settings.defaultTtl()).hasSeconds(600);
        assertThat(settings.cacheDirectory()).isEqualTo(home.resolve("cache/models"));
        assertThat(settings.engine()).isEqualTo(EngineChoice.AUTO);
    }

    @Test
    void theDefaultMemoryBudgetIsMostOfPhysicalMemoryNotTheJavaHeap() {
        long physical = ServiceSettings.physicalMemoryBytes();

        assertThat(physical).as("MemTotal of /proc/meminfo").isGreaterThan(Runtime.getRuntime().maxMemory());
        assertThat(ServiceSettings.defaults(home).memoryBudgetBytes()).isEqualTo(Math.max(1L << 30, physical / 4 * 3));
    }

    @Test
    void aPortOutsideTheTcpRangeIsRefused() {
        assertThatThrownBy(() -> ServiceSettings.defaults(home).withPort(70000))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("port");
    }

    @Test
    void aModelsOwnEngineChoiceBeatsTheGlobalOneByIdOrAlias() {
        ServiceSettings settings = ServiceSettings.defaults(home)
                .withEngine(EngineChoice.GENAI, java.util.Map.of("phi-mini", EngineChoice.ORT));

        assertThat(settings.engineFor("Phi-mini-generic-cpu:1", "phi-mini")).isEqualTo(EngineChoice.ORT);
        assertThat(settings.engineFor("Other:1", "other")).isEqualTo(EngineChoice.GENAI);
    }

    @Test
    void aCopyWithOneChangeKeepsEveryOtherField() {
        ServiceSettings original = ServiceSettings.defaults(home).withApiKey("secret")
                .withCatalogSources(java.util.List.of("local:catalog.json")).withQueue(2, 5);

        ServiceSettings moved = original.withPort(6000);

        assertThat(moved.port()).isEqualTo(6000);
        assertThat(moved).usingRecursiveComparison().ignoringFields("port").isEqualTo(original);
        assertThat(moved.apiKey()).isEqualTo("secret");
        assertThat(moved.queueCapacityPerModel()).isEqualTo(5);
    }
}
