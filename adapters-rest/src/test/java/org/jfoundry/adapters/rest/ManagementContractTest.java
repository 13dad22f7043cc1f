package org.jfoundry.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jfoundry.ports.inference.LoadOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The management contract of both Foundry Local generations from one table: the legacy {@code /openai/*} routes
 * (0.3-0.8) and the newer service's {@code /status}, {@code /models/*} and {@code /shutdown}, with {@code /v1/models}
 * shared by both. Each case states whether the chat model is loaded first, the request, the status and the JSON
 * values expected at JSON pointers ({@code $cache} stands for the model cache folder).
 */
@RoutingTest
class ManagementContractTest {
    private static final FakeFoundry FOUNDRY = new FakeFoundry();
    private static final Health HEALTH = Health.ready();
    private static final CountDownLatch STOPPED = new CountDownLatch(1);
    private static final String CHAT = FakeFoundry.CHAT_ALIAS;
    private static final String ID = FakeFoundry.CHAT_ID;

    private final DirectClient client;

    ManagementContractTest(DirectClient client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        HEALTH.onStopRequest(STOPPED::countDown);
        RestServer.routing(routing, FOUNDRY.core, RestSettings.loopback(0).withAllowedHosts(List.of("helidon-unit")),
                HEALTH, Optional::empty);
    }

    @AfterAll
    static void close() {
        FOUNDRY.close();
    }

    @BeforeEach
    void nothingLoaded() {
        FOUNDRY.core.unloadAll(true);
    }

    enum Generation { LEGACY, CURRENT, BOTH }

    record Case(Generation generation, boolean loaded, Method method, String path, int status, List<String> expected) {
        @Override
        public String toString() {
            return generation + " " + method.text() + " " + path + (loaded ? " (loaded)" : "") + " -> " + status;
        }
    }

    static Case legacy(boolean loaded, String path, int status, String... expected) {
        return new Case(Generation.LEGACY, loaded, Method.GET, path, status, List.of(expected));
    }

    static Case current(boolean loaded, Method method, String path, int status, String... expected) {
        return new Case(Generation.CURRENT, loaded, method, path, status, List.of(expected));
    }

    static Case both(String path, int status, String... expected) {
        return new Case(Generation.BOTH, false, Method.GET, path, status, List.of(expected));
    }

    static Stream<Case> cases() {
        return Stream.of(
                legacy(false, "/openai/status", 200, "/modelDirPath=$cache", "/endpoints/0", "/pipeName"),
                current(false, Method.GET, "/status", 200, "/modelCachePath=$cache", "/endpoints/0"),
                legacy(true, "/openai/loadedmodels", 200, "/0=" + ID),
                current(true, Method.GET, "/models/loaded", 200, "/0=" + ID),
                legacy(false, "/openai/loadedmodels", 200, "=[]"),
                current(false, Method.GET, "/models/loaded", 200, "=[]"),
                legacy(false, "/openai/load/" + CHAT, 200, "/name=" + ID, "/alias=" + CHAT),
                current(false, Method.GET, "/models/load/" + CHAT, 200, "/status=loaded", "/model=" + ID),
                current(true, Method.GET, "/models/load/" + ID, 200, "/status=already_loaded", "/model=" + ID),
                legacy(false, "/openai/load/nothing-here", 404, "/error/code=model_not_found"),
                current(false, Method.GET, "/models/load/nothing-here", 404, "/error/code=model_not_found"),
                legacy(false, "/openai/load/" + FakeFoundry.UNCACHED_ALIAS, 400, "/error/type=invalid_request_error"),
                current(false, Method.GET, "/models/load/" + FakeFoundry.UNCACHED_ALIAS, 400,
                        "/error/type=invalid_request_error"),
                legacy(true, "/openai/unload/" + CHAT, 200, "/name=" + ID, "/unloaded=true"),
                current(true, Method.GET, "/models/unload/" + CHAT, 200, "/status=unloaded", "/model=" + ID),
                legacy(false, "/openai/unload/" + CHAT, 404, "/error/code=model_not_found"),
                current(false, Method.GET, "/models/unload/" + CHAT, 200, "/status=not_loaded", "/model=" + ID),
                current(false, Method.GET, "/models/unload/" + FakeFoundry.UNCACHED_ALIAS, 200,
                        "/status=not_loaded", "/model=" + FakeFoundry.UNCACHED_ID),
                current(false, Method.GET, "/models/unload/nothing-here", 404, "/error/code=model_not_found"),
                both("/v1/models", 200, "/object=list", "/data/0/object=model", "/data/0/owned_by"),
                both("/v1/models/" + ID, 200, "/id=" + ID, "/object=model", "/created", "/owned_by"),
                both("/v1/models/" + CHAT, 200, "/id=" + ID),
                both("/v1/models/nothing-here", 404, "/error/code=model_not_found", "/error/message"),
                current(false, Method.POST, "/shutdown", 200, "/status=shutting_down"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachGenerationAnswersItsOwnShapes(Case c) throws Exception {
        if (c.loaded()) {
            FOUNDRY.core.load(CHAT, LoadOptions.DEFAULT);
        }
        int status;
        String body;
        try (Http1ClientResponse response = client.method(c.method()).path(c.path()).request()) {
            status = response.status().code();
            body = response.as(String.class);
        }

        assertThat(status).as(body).isEqualTo(c.status());
        JsonNode json = Json.MAPPER.readTree(body);
        for (String expectation : c.expected()) {
            int eq = expectation.indexOf('=');
            String pointer = eq < 0 ? expectation : expectation.substring(0, eq);
            JsonNode node = json.at(pointer);
            assertThat(node.isMissingNode()).as(pointer + " in " + body).isFalse();
            if (eq >= 0) {
                String want = expectation.substring(eq + 1)
                        .replace("$cache", FOUNDRY.core.serviceStatus().modelDirectory().toString());
                assertThat(node.isValueNode() ? node.asText() : node.toString()).as(pointer + " in " + body).isEqualTo(want);
            }
        }
    }

    @Test
    void aShutdownRequestStopsTheServiceAfterItAnswers() throws InterruptedException {
        try (Http1ClientResponse response = client.post("/shutdown").request()) {
            assertThat(response.status().code()).isEqualTo(200);
        }

        assertThat(STOPPED.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(HEALTH.isReady()).isFalse();
    }
}
