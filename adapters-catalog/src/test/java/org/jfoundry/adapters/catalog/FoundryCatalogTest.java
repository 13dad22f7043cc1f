package org.jfoundry.adapters.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jfoundry.ports.failure.DownloadFailedException;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.DeviceType;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.model.ModelId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FoundryCatalogTest {
    private static final String PATH = "/api/eastus/ux/v1.0/entities/crossRegion";

    @TempDir
    Path cache;
    FakeServer server;

    @BeforeEach
    void start() throws IOException {
        server = new FakeServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private FoundryCatalog catalog() {
        return new FoundryCatalog(Fixtures.fastHttp(), URI.create(server.base()), "eastus", cache,
                FoundryCatalog.allDevices(), Duration.ZERO);
    }

    /** CPU answers in three pages (nextSkip, then continuationToken), GPU in one, NPU with nothing. */
    private void servePagedCatalog() {
        server.route(PATH, (exchange, body) -> {
            JsonNode request = JsonSupport.MAPPER.readTree(body).get("indexEntitiesRequest");
            String device = deviceOf(request);
            JsonNode skip = request.get("skip");
            JsonNode token = request.get("continuationToken");
            String page;
            if (device.equals("cpu") && skip.isNull() && token.isNull()) {
                page = Fixtures.page(1, null, Fixtures.entity("Phi-4-mini-instruct-generic-cpu", "1", "CPU", "CPUExecutionProvider", "phi-4-mini"));
            } else if (device.equals("cpu") && skip.asInt() == 1) {
                page = Fixtures.page(null, "page-3", Fixtures.entity("qwen2.5-0.5b-instruct-generic-cpu", "3", "CPU", "CPUExecutionProvider", "qwen2.5-0.5b"));
            } else if (device.equals("cpu") && "page-3".equals(token.asText())) {
                page = Fixtures.page(null, null, Fixtures.entity("Phi-3.5-mini-instruct-openvino-cpu", "2", "CPU", "OpenVINOExecutionProvider", "phi-3.5-mini"));
            } else if (device.equals("gpu")) {
                page = Fixtures.page(null, null, Fixtures.entity("Phi-4-mini-instruct-cuda-gpu", "1", "GPU", "CUDAExecutionProvider", "phi-4-mini"));
            } else {
                page = Fixtures.page(null, null);
            }
            FakeServer.send(exchange, 200, "application/json", page);
        });
    }

    private static String deviceOf(JsonNode request) {
        for (JsonNode filter : request.get("filters")) {
            if (filter.get("field").asText().equals("properties/variantInfo/variantMetadata/device")) {
                return filter.get("values").get(0).asText();
            }
        }
        throw new AssertionError("no device filter in " + request);
    }

    @Test
    void pagesThroughNextSkipAndContinuationTokenForEachDevice() {
        servePagedCatalog();

        List<CatalogModel> models = catalog().listModels();

        assertThat(models).extracting(m -> m.id().toString()).containsExactlyInAnyOrder(
                "Phi-4-mini-instruct-generic-cpu:1", "qwen2.5-0.5b-instruct-generic-cpu:3",
                "Phi-3.5-mini-instruct-openvino-cpu:2", "Phi-4-mini-instruct-cuda-gpu:1");
        assertThat(server.requestsTo(PATH)).hasSize(5); // cpu x3, gpu, npu
    }

    @Test
    void sendsTheContractsRequestBodyAndUserAgent() throws IOException {
        servePagedCatalog();

        catalog().listModels();

        FakeServer.Request first = server.requestsTo(PATH).getFirst();
        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.header("User-Agent")).isEqualTo("AzureAiStudio");
        JsonNode body = JsonSupport.MAPPER.readTree(first.body());
        assertThat(body.at("/resourceIds/0/resourceId").asText()).isEqualTo("azureml");
        assertThat(body.at("/resourceIds/0/entityContainerType").asText()).isEqualTo("Registry");
        JsonNode index = body.get("indexEntitiesRequest");
        assertThat(index.get("pageSize").asInt()).isEqualTo(50);
        assertThat(index.get("filters")).extracting(f -> f.get("field").asText()).containsExactly(
                "type", "kind", "labels", "annotations/tags/foundryLocal",
                "properties/variantInfo/variantMetadata/device", "properties/variantInfo/variantMetadata/executionProvider");
        assertThat(index.at("/filters/3/values/0").asText()).isEmpty();
        assertThat(index.at("/filters/4/values/0").asText()).isEqualTo("cpu");
        assertThat(index.at("/filters/5/values").toString()).contains("cpuexecutionprovider", "openvinoexecutionprovider");
    }

    @Test
    void mapsAnEntityToTheCatalogModelShape() {
        servePagedCatalog();

        CatalogModel phi = catalog().listModels().stream()
                .filter(m -> m.id().equals(new ModelId("Phi-4-mini-instruct-generic-cpu", "1"))).findFirst().orElseThrow();

        assertThat(phi.uri()).isEqualTo("azureml://registries/azureml/models/Phi-4-mini-instruct-generic-cpu/versions/1");
        assertThat(phi.alias()).isEqualTo("phi-4-mini");
        assertThat(phi.displayName()).isEqualTo("Phi-4-mini-instruct-generic-cpu display");
        assertThat(phi.publisher()).isEqualTo("Microsoft");
        assertThat(phi.runtime().deviceType()).isEqualTo(DeviceType.CPU);
        assertThat(phi.runtime().executionProvider()).isEqualTo(ExecutionProvider.CPU);
        assertThat(phi.promptTemplate().user()).isEqualTo("<|user|>{Content}<|end|>");
        assertThat(phi.promptTemplate().prompt()).isEqualTo("<|user|>{Content}<|end|><|assistant|>");
        assertThat(phi.fileSizeMb()).isEqualTo(5 * 1024);
        assertThat(phi.task()).isEqualTo("chat-completion");
        assertThat(phi.license()).isEqualTo("MIT");
        assertThat(phi.supportsToolCalling()).isTrue();
        assertThat(phi.maxOutputTokens()).isEqualTo(2048);
        assertThat(phi.parentModelUri()).isEqualTo("azureml://registries/azureml/models/phi-4-mini-parent/versions/1");
    }

    @Test
    void skipsAnEntityWithAnUnknownExecutionProviderButKeepsTheRest() {
        server.route(PATH, (exchange, body) -> FakeServer.send(exchange, 200, "application/json", Fixtures.page(null, null,
                Fixtures.entity("Odd-model-generic-cpu", "1", "CPU", "MysteryExecutionProvider", "odd"),
                Fixtures.entity("Good-model-generic-cpu", "1", "CPU", "CPUExecutionProvider", "good"))));

        assertThat(catalog().listModels()).extracting(m -> m.id().name()).containsExactly("Good-model-generic-cpu");
    }

    @Test
    void anEntityWhosePromptTemplateIsNotJsonIsKeptWithoutATemplate() {
        var entity = Fixtures.entity("Odd-template-generic-cpu", "1", "CPU", "CPUExecutionProvider", "odd");
        ((com.fasterxml.jackson.databind.node.ObjectNode) entity.at("/annotations/tags")).put("promptTemplate", "{not json");
        server.route(PATH, (exchange, body) -> FakeServer.send(exchange, 200, "application/json", Fixtures.page(null, null, entity)));

        CatalogModel model = catalog().listModels().getFirst();

        assertThat(model.id().name()).isEqualTo("Odd-template-generic-cpu");
        assertThat(model.promptTemplate()).isNull();
    }

    @Test
    void keepsTheLastGoodAnswerAndServesItWhenOffline() {
        servePagedCatalog();
        List<CatalogModel> online = catalog().listModels();
        assertThat(cache.resolve("foundry.modelinfo.json")).isRegularFile();

        server.stop();
        List<CatalogModel> offline = catalog().listModels();

        assertThat(offline).containsExactlyElementsOf(online);
    }

    @Test
    void failsWithATypedErrorWhenOfflineWithNothingSaved() {
        server.stop();

        assertThatThrownBy(() -> catalog().listModels())
                .isInstanceOf(DownloadFailedException.class)
                .hasMessageContaining("no saved copy exists");
    }

    @Test
    void retriesAServerErrorBeforeGivingUp() {
        AtomicInteger calls = new AtomicInteger();
        server.route(PATH, (exchange, body) -> {
            if (calls.getAndIncrement() == 0) {
                FakeServer.send(exchange, 500, "text/plain", "busy");
            } else {
                FakeServer.send(exchange, 200, "application/json", Fixtures.page(null, null,
                        Fixtures.entity("Good-model-generic-cpu", "1", "CPU", "CPUExecutionProvider", "good")));
            }
        });

        assertThat(catalog().listModels()).extracting(m -> m.id().name()).containsExactly("Good-model-generic-cpu");
        assertThat(calls.get()).isEqualTo(4); // one failed and one good try for CPU, then GPU and NPU
    }

    @Test
    void aSavedCatalogThatIsDamagedGivesATypedError() throws IOException {
        Files.writeString(cache.resolve("foundry.modelinfo.json"), "[{\"name\":");
        server.stop();

        assertThatThrownBy(() -> catalog().listModels())
                .isInstanceOf(DownloadFailedException.class)
                .hasMessageContaining("unreadable");
    }
}
