package org.jfoundry.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.jfoundry.ports.failure.DownloadFailedException;
import org.junit.jupiter.api.Test;

/**
 * Offline is a headline feature: with the online catalog unreachable (and no saved copy), {@code /foundry/list}
 * still answers 200 with what can be served, and says in a header which catalog could not be reached.
 */
class OfflineCatalogTest {
    @Test
    void theListAnswersWithTheDownloadedModelsAndNamesTheUnreachableCatalog() {
        try (FakeFoundry foundry = new FakeFoundry()) {
            foundry.catalog.failWith(new DownloadFailedException("The Foundry catalog at https://ai.azure.com could not"
                    + " be read (connection refused)"));
            RunningServer server = RestServer.start(foundry.core, RestSettings.loopback(0));
            try {
                RawHttp.Response list = RawHttp.exchange(server.port(),
                        RawHttp.get("/foundry/list", "127.0.0.1:" + server.port(), ""));

                assertThat(list.status()).isEqualTo(200);
                assertThat(list.body()).contains("\"name\":\"" + FakeFoundry.CHAT_ID + "\"")
                        .contains("\"name\":\"" + FakeFoundry.EMBEDDING_ID + "\"")
                        .contains("\"alias\":\"" + FakeFoundry.CHAT_ALIAS + "\"")
                        .doesNotContain(FakeFoundry.UNCACHED_ID);
                assertThat(list.head().toLowerCase(java.util.Locale.ROOT))
                        .contains("x-foundry-catalog-unreachable: foundry: the foundry catalog at https://ai.azure.com");
            } finally {
                server.stop();
            }
        }
    }
}
