package org.jfoundry.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.jfoundry.ports.model.ModelId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Only the catalogs say where a model comes from: a download body cannot name a local folder or a URI of its own. */
class DownloadSourcesTest {
    private FakeFoundry foundry;
    private RunningServer server;

    @BeforeEach
    void start() {
        foundry = new FakeFoundry();
        server = RestServer.start(foundry.core, RestSettings.loopback(0));
    }

    @AfterEach
    void stop() {
        server.stop();
        foundry.close();
    }

    private RawHttp.Response download(String name, String uri) {
        String body = "{\"model\":{\"Name\":\"" + name + "\",\"Uri\":\"" + uri + "\",\"Publisher\":\"Microsoft\","
                + "\"ProviderType\":\"AzureFoundryLocal\"},\"token\":\"\",\"IgnorePipeReport\":true}";
        return RawHttp.exchange(server.port(), "POST /openai/download HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                + "\r\nConnection: close\r\n\r\n" + body);
    }

    @Test
    void aBodyCannotIntroduceALocalFolder() {
        RawHttp.Response answer = download("ssh-keys-generic-cpu:1", "file:///etc/ssh/");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body()).contains("is in no catalog");
        assertThat(foundry.downloader.callCount(ModelId.parse("ssh-keys-generic-cpu:1"))).isZero();
        assertThat(foundry.core.listCached()).noneMatch(m -> m.id().name().startsWith("ssh-keys"));
    }

    @Test
    void aBodyCannotIntroduceARemoteUriEither() {
        assertThat(download("Other-generic-cpu:1", "https://attacker.example/model").status()).isEqualTo(404);
        assertThat(foundry.downloader.callCount(ModelId.parse("Other-generic-cpu:1"))).isZero();
    }

    @Test
    void aCatalogEntryPostedBackIsFetchedFromTheCatalogWhateverUriTheBodyNames() {
        RawHttp.Response answer = download(FakeFoundry.UNCACHED_ID, "file:///etc/ssh/");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(DownloadStreamParser.parse(answer.body()).json().get("success").asBoolean()).isTrue();
        assertThat(foundry.downloader.callCount(ModelId.parse(FakeFoundry.UNCACHED_ID))).isEqualTo(1);
    }

    @Test
    void anUnknownNameWithAUriACatalogListsFetchesThatCatalogEntry() {
        String listed = foundry.core.listCatalog().stream().filter(m -> m.id().toString().equals(FakeFoundry.UNCACHED_ID))
                .findFirst().orElseThrow().uri();

        RawHttp.Response answer = download("Renamed-generic-cpu:9", listed);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(foundry.downloader.callCount(ModelId.parse(FakeFoundry.UNCACHED_ID))).isEqualTo(1);
    }
}
