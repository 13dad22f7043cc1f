package org.jfoundry.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jfoundry.ports.model.ModelId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /foundry/resolve/{name}}, the one resolution clients ask for, and {@code DELETE /openai/models/{name}},
 * the one way a cached model is removed: through the core, which keeps requests from loading it meanwhile.
 */
class ResolveAndRemoveRoutesTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

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

    @Test
    void resolvingAnAliasNamesTheDownloadedVariantARequestWouldUse() throws Exception {
        HttpResponse<String> answer = send("GET", "/foundry/resolve/" + FakeFoundry.CHAT_ALIAS);

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode json = RestApiSuite.parse(answer.body());
        assertThat(json.get("name").asText()).isEqualTo(FakeFoundry.CHAT_ID);
        assertThat(json.get("cached").asBoolean()).isTrue();
        assertThat(json.get("model").get("name").asText()).isEqualTo(FakeFoundry.CHAT_ID);
        assertThat(json.get("model").get("alias").asText()).isEqualTo(FakeFoundry.CHAT_ALIAS);
    }

    @Test
    void resolvingANameOnlyTheCatalogKnowsNamesTheVariantADownloadWouldFetch() throws Exception {
        JsonNode json = RestApiSuite.parse(send("GET", "/foundry/resolve/" + FakeFoundry.UNCACHED_ALIAS).body());

        assertThat(json.get("name").asText()).isEqualTo(FakeFoundry.UNCACHED_ID);
        assertThat(json.get("cached").asBoolean()).isFalse();
    }

    @Test
    void resolvingAnUnknownNameOrAnUnavailableProviderIsAnOpenAiError() throws Exception {
        HttpResponse<String> unknown = send("GET", "/foundry/resolve/nothing-here");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(RestApiSuite.parse(unknown.body()).get("error").get("code").asText()).isEqualTo("model_not_found");

        HttpResponse<String> cuda = send("GET", "/foundry/resolve/" + FakeFoundry.CHAT_ALIAS + "?ep=cuda");
        assertThat(cuda.statusCode()).isEqualTo(400);
        assertThat(RestApiSuite.parse(cuda.body()).get("error").get("code").asText()).isEqualTo("provider_unavailable");
    }

    @Test
    void deletingACachedModelRemovesItThroughTheCore() throws Exception {
        HttpResponse<String> answer = send("DELETE", "/openai/models/" + FakeFoundry.CHAT_ALIAS);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode json = RestApiSuite.parse(answer.body());
        assertThat(json.get("name").asText()).isEqualTo(FakeFoundry.CHAT_ID);
        assertThat(json.get("removed").asBoolean()).isTrue();
        assertThat(foundry.store.removed()).containsExactly(ModelId.parse(FakeFoundry.CHAT_ID));
        assertThat(send("GET", "/openai/models").body()).doesNotContain(FakeFoundry.CHAT_ID);
    }

    @Test
    void aLoadedModelIsRefusedUnlessUnloadingFirstIsAskedFor() throws Exception {
        assertThat(send("GET", "/openai/load/" + FakeFoundry.CHAT_ALIAS).statusCode()).isEqualTo(200);

        HttpResponse<String> refused = send("DELETE", "/openai/models/" + FakeFoundry.CHAT_ID);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(RestApiSuite.parse(refused.body()).get("error").get("code").asText()).isEqualTo("model_in_use");
        assertThat(foundry.store.removed()).isEmpty();

        HttpResponse<String> removed = send("DELETE", "/openai/models/" + FakeFoundry.CHAT_ID + "?unload=true");
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
        assertThat(send("GET", "/openai/loadedmodels").body()).isEqualTo("[]");
        assertThat(foundry.store.removed()).containsExactly(ModelId.parse(FakeFoundry.CHAT_ID));
    }

    @Test
    void deletingANameNoCachedModelAnswersToIsNotFound() throws Exception {
        HttpResponse<String> unknown = send("DELETE", "/openai/models/nothing-here");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(RestApiSuite.parse(unknown.body()).get("error").get("code").asText()).isEqualTo("model_not_found");

        // In the catalog, but not downloaded: nothing to remove either.
        assertThat(send("DELETE", "/openai/models/" + FakeFoundry.UNCACHED_ALIAS).statusCode()).isEqualTo(404);
    }

    @Test
    void removalIsNoSimpleRequestAWebPageCouldSend() throws Exception {
        HttpResponse<String> get = send("GET", "/openai/models/" + FakeFoundry.CHAT_ALIAS);
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("DELETE");

        HttpResponse<String> foreign = HTTP.send(request("DELETE", "/openai/models/" + FakeFoundry.CHAT_ALIAS)
                .header("Origin", "https://evil.example").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foundry.store.removed()).isEmpty();
    }

    private HttpResponse<String> send(String method, String pathAndQuery) throws Exception {
        return HTTP.send(request(method, pathAndQuery).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String method, String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody());
    }
}
