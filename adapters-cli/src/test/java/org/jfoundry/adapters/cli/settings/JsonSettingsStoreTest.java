package org.jfoundry.adapters.cli.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.settings.EngineChoice;
import org.jfoundry.ports.settings.FoundryHome;
import org.jfoundry.ports.settings.ServiceSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonSettingsStoreTest {
    @TempDir
    Path home;

    @Test
    void withoutAFileTheDefaultsOfTheHomeApply() {
        ServiceSettings settings = new JsonSettingsStore(new FoundryHome(home)).load();
        assertThat(settings).isEqualTo(ServiceSettings.defaults(home));
        assertThat(settings.cacheDirectory()).isEqualTo(home.resolve("cache/models"));
    }

    @Test
    void everyFieldSurvivesASaveAndALoad() {
        JsonSettingsStore store = new JsonSettingsStore(new FoundryHome(home));
        ServiceSettings changed = ServiceSettings.defaults(home).withPort(6001).withHost("0.0.0.0")
                .withCacheDirectory(home.resolve("m")).withDefaultTtl(Duration.ofSeconds(42)).withApiKey("k")
                .withCapacity(2, 123456789L).withQueue(3, 7)
                .withEngine(EngineChoice.ORT, Map.of("phi-4-mini", EngineChoice.GENAI))
                .withNativeLibraries(home.resolve("ort.so"), home.resolve("genai.so"))
                .withCatalogSources(List.of("local:cat.json", "foundry"))
                .withHttp(List.of("box.local"), List.of("http://x"), 1000);

        store.save(changed);

        assertThat(store.load()).isEqualTo(changed);
    }

    @Test
    void theFileHasFoundrysServiceSettingsShape() throws Exception {
        JsonSettingsStore store = new JsonSettingsStore(new FoundryHome(home));
        store.save(ServiceSettings.defaults(home));
        String json = Files.readString(home.resolve("settings.json"));
        assertThat(json).contains("\"serviceSettings\" : {").contains("\"host\" : \"127.0.0.1\"")
                .contains("\"port\" : 5272").contains("\"cacheDirectoryPath\" : \"" + home.resolve("cache/models") + "\"")
                .contains("\"defaultSecondsForModelTTL\" : 600");
    }

    @Test
    void aHandWrittenFileWithOnlyFoundrysFieldsLoadsWithOurDefaults() throws Exception {
        Files.writeString(home.resolve("settings.json"), """
                {"serviceSettings":{"host":"localhost","port":0,"cacheDirectoryPath":"/data/models",
                 "defaultSecondsForModelTTL":60},"somethingElse":{"kept":true}}""");
        JsonSettingsStore store = new JsonSettingsStore(new FoundryHome(home));

        ServiceSettings settings = store.load();

        assertThat(settings.host()).isEqualTo("localhost");
        assertThat(settings.port()).isZero();
        assertThat(settings.cacheDirectory()).isEqualTo(Path.of("/data/models"));
        assertThat(settings.defaultTtl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.maxLoadedModels()).isEqualTo(ServiceSettings.defaults(home).maxLoadedModels());

        store.save(settings.withPort(7));
        assertThat(Files.readString(home.resolve("settings.json"))).contains("\"somethingElse\"").contains("\"kept\" : true");
    }

    @Test
    void aBrokenFileIsATypedErrorNamingTheFile() throws Exception {
        Files.writeString(home.resolve("settings.json"), "{\"serviceSettings\": {");
        assertThatThrownBy(() -> new JsonSettingsStore(new FoundryHome(home)).load())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("settings.json is not valid JSON");

        Files.writeString(home.resolve("settings.json"), "{\"serviceSettings\": {\"port\": 99999}}");
        assertThatThrownBy(() -> new JsonSettingsStore(new FoundryHome(home)).load())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("port must be between 0 and 65535");
    }
}
