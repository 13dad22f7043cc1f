package org.jfoundry.adapters.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.failure.ModelNotFoundException;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.DeviceType;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.out.CatalogSource;
import org.jfoundry.ports.settings.FoundryHome;
import org.jfoundry.ports.settings.ServiceSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HuggingFaceTest {
    private static final String REF = "hf://microsoft/Tiny-onnx/cpu_and_mobile/cpu-int4";
    private static final String TREE = "/api/models/microsoft/Tiny-onnx/tree/main/cpu_and_mobile/cpu-int4";
    private static final String RESOLVE = "/microsoft/Tiny-onnx/resolve/main/";

    @TempDir
    Path home;
    FakeServer server;
    final Map<String, byte[]> files = new LinkedHashMap<>();
    /** What the Hub's listing says, fixed when the test starts. */
    final Map<String, String> sha256 = new LinkedHashMap<>();

    @BeforeEach
    void start() throws IOException {
        server = new FakeServer();
        files.put("cpu_and_mobile/cpu-int4/genai_config.json", Fixtures.utf8("{\"model\":{}}"));
        files.put("cpu_and_mobile/cpu-int4/tokenizer.json", Fixtures.utf8("{}"));
        files.put("cpu_and_mobile/cpu-int4/model.onnx", Fixtures.randomBytes(20_000, 7));
        files.put("cpu_and_mobile/cpu-int4/model.onnx.data", Fixtures.randomBytes(300_000, 8));
        files.forEach((path, content) -> sha256.put(path, Fixtures.sha256(content)));
        server.route(TREE, (exchange, body) -> {
            // The Hub pages big folders with a Link header; serve the listing in two pages.
            boolean second = exchange.getRequestURI().getQuery().contains("cursor=2");
            if (!second) {
                exchange.getResponseHeaders().set("Link", "<" + server.base() + TREE + "?recursive=true&cursor=2>; rel=\"next\"");
            }
            FakeServer.send(exchange, 200, "application/json", listing(second).toString());
        });
        server.route(RESOLVE, (exchange, body) -> {
            byte[] content = files.get(exchange.getRequestURI().getPath().substring(RESOLVE.length()));
            if (content == null) {
                FakeServer.send(exchange, 404, "text/plain", "Entry not found");
            } else {
                FakeServer.serveRange(exchange, content);
            }
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ArrayNode listing(boolean secondPage) {
        ArrayNode array = JsonSupport.MAPPER.createArrayNode();
        List<String> paths = List.copyOf(files.keySet());
        if (!secondPage) {
            array.addObject().put("type", "directory").put("path", "cpu_and_mobile/cpu-int4/extra").put("oid", "abc");
        }
        for (String path : secondPage ? paths.subList(2, 4) : paths.subList(0, 2)) {
            var entry = array.addObject().put("type", "file").put("path", path).put("size", files.get(path).length)
                    .put("oid", "0123456789abcdef0123456789abcdef01234567");
            if (path.contains("model.onnx")) {
                entry.putObject("lfs").put("oid", sha256.get(path)).put("size", files.get(path).length);
            }
        }
        return array;
    }

    private Map<String, String> env() {
        return Map.of("HF_ENDPOINT", server.base());
    }

    private ServiceSettings settings(List<String> sources) {
        return ServiceSettings.defaults(home).withCatalogSources(sources);
    }

    @Test
    void anHfSourceListsTheFolderAsOneCatalogModel() {
        List<CatalogSource> sources = Catalogs.fromSettings(settings(List.of(REF)), new FoundryHome(home), env());

        List<CatalogModel> models = sources.getFirst().listModels();

        assertThat(models).hasSize(1);
        CatalogModel model = models.getFirst();
        assertThat(model.id().toString()).isEqualTo("Tiny-onnx-cpu-int4:1");
        assertThat(model.alias()).isEqualTo("tiny-onnx");
        assertThat(model.uri()).isEqualTo(REF);
        assertThat(model.publisher()).isEqualTo("microsoft");
        assertThat(model.task()).isEqualTo("chat-completion");
        assertThat(model.runtime().executionProvider()).isEqualTo(ExecutionProvider.CPU);
        assertThat(server.requestsTo(TREE)).hasSize(2);
    }

    @Test
    void theBareHfSourceListsTheFoldersNamedInTheEnvironment() {
        Map<String, String> env = Map.of("HF_ENDPOINT", server.base(), "FOUNDRY_HF_MODELS", REF);

        List<CatalogSource> sources = Catalogs.fromSettings(settings(List.of("hf")), new FoundryHome(home), env);

        assertThat(sources).extracting(CatalogSource::name).containsExactly("hf");
        assertThat(sources.getFirst().listModels()).extracting(m -> m.id().toString()).containsExactly("Tiny-onnx-cpu-int4:1");
    }

    @Test
    void downloadsTheFolderWithItsFilesAtTheModelRoot() throws IOException {
        CatalogModel model = Catalogs.fromSettings(settings(List.of(REF)), new FoundryHome(home), env())
                .getFirst().listModels().getFirst();

        CachedModel cached = ModelDownloaders.create(settings(List.of(REF)), new FoundryHome(home), env(),
                Fixtures.fastDownloads()).download(model, null, null);

        Path folder = home.resolve("cache/models/microsoft/Tiny-onnx-cpu-int4-1/v1");
        assertThat(cached.folder()).isEqualTo(folder.toAbsolutePath().normalize());
        assertThat(folder.resolve("model.onnx.data")).hasBinaryContent(files.get("cpu_and_mobile/cpu-int4/model.onnx.data"));
        assertThat(folder.resolve("genai_config.json")).exists();
        JsonNode info = JsonSupport.MAPPER.readTree(folder.resolve("inference_model.json").toFile());
        assertThat(info.get("Name").asText()).isEqualTo("Tiny-onnx-cpu-int4:1");
        assertThat(info.get("Alias").asText()).isEqualTo("tiny-onnx");
    }

    @Test
    void anLfsFileThatDoesNotMatchItsSha256FailsTheDownload() {
        CatalogModel model = Catalogs.fromSettings(settings(List.of(REF)), new FoundryHome(home), env())
                .getFirst().listModels().getFirst();
        files.get("cpu_and_mobile/cpu-int4/model.onnx")[5] ^= 1; // served bytes no longer match the listing

        assertThatThrownBy(() -> ModelDownloaders.create(settings(List.of(REF)), new FoundryHome(home), env(),
                Fixtures.fastDownloads()).download(model, null, null))
                .hasMessageContaining("SHA-256 mismatch");
        assertThat(ModelStores.create(home.resolve("cache/models")).scan().models()).isEmpty();
    }

    @Test
    void aRepositoryTheHubDoesNotHaveIsModelNotFound() {
        String missing = "hf://microsoft/Missing-onnx/cpu";
        List<CatalogSource> sources = Catalogs.fromSettings(settings(List.of(missing)), new FoundryHome(home), env());

        assertThatThrownBy(() -> sources.getFirst().listModels()).isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("Missing-onnx");
    }

    @Test
    void referencesParseOwnerRepoFolderAndRevision() {
        HuggingFaceRef ref = HuggingFaceRef.parse("hf://microsoft/Phi-3.5-mini-instruct-onnx/cuda/cuda-int4-rtn-block-32@refs/pr/7");

        assertThat(ref.repoId()).isEqualTo("microsoft/Phi-3.5-mini-instruct-onnx");
        assertThat(ref.subfolder()).isEqualTo("cuda/cuda-int4-rtn-block-32");
        assertThat(ref.revision()).isEqualTo("refs/pr/7");
        assertThat(ref.modelVersion()).isEqualTo("refs-pr-7");
        assertThat(HuggingFaceCatalog.runtimeFrom(ref.subfolder()).deviceType()).isEqualTo(DeviceType.GPU);
        assertThatThrownBy(() -> HuggingFaceRef.parse("hf://only-owner")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> HuggingFaceRef.parse("hf://owner/repo/../../etc")).isInstanceOf(InvalidRequestException.class);
    }
}
