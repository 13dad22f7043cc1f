package org.jfoundry.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jfoundry.ports.model.ModelId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /foundry/import}: progress like a download, then the imported id; bad requests get 400 at once. */
class ImportRouteTest {
    private static FakeFoundry foundry;
    private static RunningServer server;
    @TempDir
    static Path folder;

    @BeforeAll
    static void start() {
        foundry = new FakeFoundry();
        server = RestServer.start(foundry.core, RestSettings.loopback(0));
    }

    @AfterAll
    static void stop() {
        server.stop();
        foundry.close();
    }

    @Test
    void importsTheFileWithProgressAndNamesTheCachedVariant() throws IOException {
        Path gguf = Files.writeString(folder.resolve("Tiny-Chat.Q8_0.gguf"), "GGUF");
        try (StreamingClient client = new StreamingClient(server.port(), "/foundry/import",
                "{\"path\":\"" + gguf + "\",\"precision\":\"fp32\"}")) {
            client.readToEnd();

            assertThat(client.head()).startsWith("HTTP/1.1 200");
            assertThat(client.chunks().subList(0, client.chunks().size() - 1)).anyMatch(c -> c.contains("% Converting"));
            DownloadStreamParser.Result parsed = DownloadStreamParser.parse(client.chunks());
            assertThat(parsed.percentages()).isNotEmpty().endsWith(100.0);
            assertThat(parsed.json().get("success").asBoolean()).isTrue();
            assertThat(parsed.json().get("name").asText()).isEqualTo("tiny-chat.q8_0-generic-fp32-cpu:1");
            assertThat(parsed.json().get("alias").asText()).isEqualTo("tiny-chat.q8_0");
        }
        assertThat(foundry.core.listCached()).extracting(m -> m.id())
                .contains(ModelId.parse("tiny-chat.q8_0-generic-fp32-cpu:1"));
    }

    @Test
    void aMissingFileIsABadRequest() {
        RawHttp.Response response = post("{\"path\":\"" + folder.resolve("absent.gguf") + "\"}");

        assertThat(response.status()).isEqualTo(400);
        JsonNode error = RestApiSuite.parse(response.body()).get("error");
        assertThat(error.get("message").asText()).contains("absent.gguf: no such file");
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
    }

    @Test
    void aRelativePathOrAnUnknownPrecisionIsABadRequest() {
        assertThat(post("{\"path\":\"model.gguf\"}").status()).isEqualTo(400);
        assertThat(post("{\"path\":\"/models/model.gguf\",\"precision\":\"int8\"}").body())
                .contains("precision 'int8' is not int4 or fp32");
        assertThat(post("{}").body()).contains("path is required");
    }

    private static RawHttp.Response post(String json) {
        return RawHttp.exchange(server.port(), RawHttp.post("/foundry/import", server.port(), json)
                .replace("Content-Type", "Connection: close\r\nContent-Type"));
    }
}
