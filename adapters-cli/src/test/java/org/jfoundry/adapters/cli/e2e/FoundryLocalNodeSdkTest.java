package org.jfoundry.adapters.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The npm {@code foundry-local-sdk} releases apps use, unchanged, against a real background service they find
 * through the {@code foundry} program on their PATH: init, the catalog and the cache, twenty fresh and twenty forced
 * downloads in a row (a small model over loopback: the progress, the {@code [DONE]} line and the JSON come quickly,
 * and the SDKs read the JSON only from a read that starts with '{'), load, chat through the SDK's endpoint, unload.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FoundryLocalNodeSdkTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int DOWNLOADS = 20;

    @org.junit.jupiter.api.io.TempDir
    static Path home;
    ServiceForClients service;

    @BeforeAll
    void startTheService() throws Exception {
        TestClients.folder();
        service = ServiceForClients.start(home);
    }

    @AfterAll
    void stopTheService() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    @ParameterizedTest(name = "foundry-local-sdk {0}")
    @ValueSource(strings = {"0.3.1", "0.5.0"})
    void theSdkDownloadsLoadsChatsAndUnloadsEveryTime(String version) throws Exception {
        Path folder = service.modelFolder(ServiceForClients.CHAT_ID);
        assertThat(folder).isDirectory();

        TestClients.Run run = TestClients.node("foundry_sdk.cjs", service.environment(), version,
                ServiceForClients.CHAT_ALIAS, folder.toString(), Integer.toString(DOWNLOADS));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode found = JSON.readTree(run.lastLine());
        assertThat(found.get("serviceUrl").asText()).isEqualTo(service.url());
        assertThat(found.get("endpoint").asText()).isEqualTo(service.url() + "/v1");
        assertThat(found.get("catalog").findValuesAsText("alias"))
                .contains(ServiceForClients.CHAT_ALIAS, ServiceForClients.EMBEDDING_ALIAS);
        assertThat(texts(found.get("cachedBefore"))).contains(ServiceForClients.CHAT_ID);
        assertThat(texts(found.get("fresh").get("failures"))).as(run.toString()).isEmpty();
        assertThat(texts(found.get("forced").get("failures"))).as(run.toString()).isEmpty();
        assertThat(found.get("fresh").get("lastPercents").get(found.get("fresh").get("lastPercents").size() - 1).asInt())
                .isEqualTo(100);
        assertThat(texts(found.get("cachedAfter"))).contains(ServiceForClients.CHAT_ID);
        assertThat(Files.isDirectory(folder)).isTrue();
        assertThat(texts(found.get("loaded"))).containsExactly(ServiceForClients.CHAT_ID);
        assertThat(found.get("chat").asText()).isEqualTo(ServiceForClients.ANSWER);
        assertThat(found.get("streamedChat").asText()).isEqualTo(ServiceForClients.ANSWER);
        assertThat(texts(found.get("loadedAfterUnload"))).isEmpty();
    }

    static java.util.List<String> texts(JsonNode array) {
        java.util.List<String> texts = new java.util.ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
