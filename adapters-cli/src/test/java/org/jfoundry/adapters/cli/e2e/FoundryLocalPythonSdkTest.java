package org.jfoundry.adapters.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * foundry-local-sdk for Python, unchanged, against a service whose local catalog holds only minimal entries (a name
 * and a uri, as {@code adapters-catalog/README.md} allows): the SDK validates every entry of {@code /foundry/list}
 * and refuses the whole list over one null among the fields it requires. It lists, downloads, loads, chats through
 * its endpoint and unloads, by derived alias and by id.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FoundryLocalPythonSdkTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String FIRST = "Bare-chat-generic-cpu:1";
    static final String SECOND = "other-model:2";

    @TempDir
    static Path home;
    ServiceForClients service;

    @BeforeAll
    void startTheService() throws Exception {
        TestClients.folder();
        service = ServiceForClients.start(home, List.of(ServiceForClients.minimalEntry(home, FIRST),
                ServiceForClients.minimalEntry(home, SECOND)));
    }

    @AfterAll
    void stopTheService() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void theSdkListsDownloadsLoadsChatsAndUnloadsModelsOfMinimalEntries() throws Exception {
        TestClients.Run run = TestClients.python("foundry_sdk.py", service.environment(), "bare-chat", SECOND);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode found = JSON.readTree(run.lastLine());
        assertThat(found.get("endpoint").asText()).isEqualTo(service.url() + "/v1");
        assertThat(found.get("catalog")).hasSize(2);
        JsonNode first = found.get("catalog").get(0);
        assertThat(first.get("alias").asText()).isEqualTo("bare-chat");
        assertThat(first.get("publisher").asText()).isEqualTo("local");
        assertThat(first.get("task").asText()).isEqualTo("chat-completion");
        assertThat(found.get("cachedBefore")).isEmpty();
        assertThat(found.get("models")).hasSize(2).allSatisfy(model -> {
            assertThat(model.get("cached").asBoolean()).as(model.toString()).isTrue();
            assertThat(model.get("loaded").get(0).asText()).isEqualTo(model.get("id").asText());
            assertThat(model.get("chat").asText()).isEqualTo(ServiceForClients.ANSWER);
            assertThat(model.get("loadedAfterUnload")).isEmpty();
        });
        assertThat(found.get("models").findValuesAsText("id")).containsExactly(FIRST, SECOND);
    }
}
