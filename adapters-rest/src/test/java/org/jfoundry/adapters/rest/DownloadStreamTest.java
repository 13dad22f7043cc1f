package org.jfoundry.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The download stream's framing on the wire: the final JSON travels alone, after every progress line. */
class DownloadStreamTest {
    private static FakeFoundry foundry;
    private static RunningServer server;

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
    void theFinalJsonIsFlushedAsAChunkOfItsOwnAndNoOtherChunkStartsWithABrace() {
        try (StreamingClient client = new StreamingClient(server.port(), "/openai/download",
                "{\"model\":{\"Name\":\"" + FakeFoundry.DOWNLOADABLE_ID + "\",\"Uri\":\"azureml://x\"},\"token\":\"\","
                        + "\"IgnorePipeReport\":true}")) {
            client.readToEnd();
            List<String> chunks = client.chunks();

            assertThat(client.head()).startsWith("HTTP/1.1 200");
            assertThat(chunks.getLast()).isEqualTo("{\"success\":true,\"errorMessage\":null}");
            assertThat(chunks.subList(0, chunks.size() - 1)).noneMatch(c -> c.startsWith("{"))
                    .last().isEqualTo("[DONE] All Completed!\n");
            DownloadStreamParser.Result parsed = DownloadStreamParser.parse(chunks);
            // Progress is sampled, so an instant download may show only its end.
            assertThat(parsed.percentages()).isNotEmpty().isSorted().endsWith(100.0);
            assertThat(parsed.json().get("success").asBoolean()).isTrue();
        }
    }
}
