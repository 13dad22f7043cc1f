package org.jfoundry.adapters.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jfoundry.ports.failure.DownloadFailedException;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.out.CatalogSource;
import org.jfoundry.ports.settings.FoundryHome;
import org.jfoundry.ports.settings.ServiceSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Local catalogs (offline use, enterprise mirrors), the FOUNDRY_CATALOG override and source precedence. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LocalCatalogTest {
    @TempDir
    Path home;
    FakeServer server;

    @BeforeEach
    void start() throws IOException {
        server = new FakeServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ServiceSettings settings(List<String> sources) {
        return ServiceSettings.defaults(home).withCatalogSources(sources);
    }

    private static String entry(String name, String alias, String uri, String extra) {
        return "{\"name\":\"" + name + "\",\"uri\":\"" + uri + "\",\"alias\":\"" + alias + "\",\"publisher\":\"Contoso\","
                + "\"task\":\"chat-completion\",\"runtime\":{\"deviceType\":\"GPU\",\"executionProvider\":\"CUDAExecutionProvider\"},"
                + "\"promptTemplate\":{\"user\":\"U:{Content}\",\"assistant\":\"A:{Content}\"},\"fileSizeMb\":12" + extra + "}";
    }

    /** A folder holding a tiny model, the way a mirror would keep it. */
    private Path modelFolder(String name) throws IOException {
        Path folder = Files.createDirectories(home.resolve("mirror").resolve(name));
        Files.writeString(folder.resolve("genai_config.json"), "{\"model\":{}}");
        Files.write(folder.resolve("model.onnx"), Fixtures.randomBytes(5_000, 3));
        Files.createDirectories(folder.resolve("sub"));
        Files.writeString(folder.resolve("sub/extra.txt"), "nested");
        return folder;
    }

    @Test
    void aLocalCatalogFileListsItsEntriesWithRelativeUrisResolved() throws IOException {
        modelFolder("tiny");
        Files.writeString(home.resolve("catalog.json"), "[" + entry("Tiny-cuda-gpu:4", "tiny", "mirror/tiny", "") + "]");

        List<CatalogSource> sources = Catalogs.fromSettings(settings(List.of("local:catalog.json")), new FoundryHome(home), Map.of());
        CatalogModel model = sources.getFirst().listModels().getFirst();

        assertThat(sources.getFirst().name()).startsWith("local:file:");
        assertThat(model.id().toString()).isEqualTo("Tiny-cuda-gpu:4");
        assertThat(Path.of(java.net.URI.create(model.uri()))).isEqualTo(home.resolve("mirror/tiny"));
        assertThat(model.uri()).startsWith("file:").endsWith("/");
        assertThat(model.runtime().executionProvider()).isEqualTo(ExecutionProvider.CUDA);
        assertThat(model.promptTemplate().user()).isEqualTo("U:{Content}");
        assertThat(model.fileSizeMb()).isEqualTo(12);
    }

    @Test
    void aFileFolderWithoutAFilesListIsDownloadedWhole() throws IOException {
        modelFolder("tiny");
        Files.writeString(home.resolve("catalog.json"), "[" + entry("Tiny-cuda-gpu:4", "tiny", "mirror/tiny", "") + "]");
        ServiceSettings settings = settings(List.of("local:catalog.json"));
        CatalogModel model = Catalogs.fromSettings(settings, new FoundryHome(home), Map.of()).getFirst().listModels().getFirst();

        CachedModel cached = ModelDownloaders.create(settings, new FoundryHome(home), Map.of(), Fixtures.fastDownloads())
                .download(model, null, null);

        Path folder = home.resolve("cache/models/Contoso/Tiny-cuda-gpu-4/v4");
        assertThat(cached.folder()).isEqualTo(folder.toAbsolutePath().normalize());
        assertThat(folder.resolve("sub/extra.txt")).hasContent("nested");
        assertThat(folder.resolve("model.onnx")).hasSameBinaryContentAs(home.resolve("mirror/tiny/model.onnx"));
        assertThat(cached.alias()).isEqualTo("tiny");
        assertThat(cached.promptTemplate().assistant()).isEqualTo("A:{Content}");
    }

    @Test
    void anHttpFolderIsDownloadedFromTheFilesTheCatalogLists() throws IOException {
        byte[] config = Fixtures.utf8("{\"model\":{}}");
        byte[] weights = Fixtures.randomBytes(50_000, 4);
        server.file("/mirror/tiny/genai_config.json", config);
        server.file("/mirror/tiny/model.onnx", weights);
        String files = ",\"files\":[{\"path\":\"genai_config.json\",\"size\":" + config.length + ",\"sha256\":\"" + Fixtures.sha256(config)
                + "\"},{\"path\":\"model.onnx\",\"size\":" + weights.length + ",\"sha256\":\"" + Fixtures.sha256(weights) + "\"}]";
        server.route("/catalog.json", (exchange, body) -> FakeServer.send(exchange, 200, "application/json",
                "[" + entry("Tiny-cuda-gpu:4", "tiny", "mirror/tiny", files) + "]"));
        ServiceSettings settings = settings(List.of("local:" + server.base() + "/catalog.json"));
        CatalogModel model = Catalogs.fromSettings(settings, new FoundryHome(home), Map.of()).getFirst().listModels().getFirst();
        assertThat(model.uri()).isEqualTo(server.base() + "/mirror/tiny/");

        CachedModel cached = ModelDownloaders.create(settings, new FoundryHome(home), Map.of(), Fixtures.fastDownloads())
                .download(model, null, null);

        assertThat(cached.folder().resolve("model.onnx")).hasBinaryContent(weights);
        assertThat(server.requestsTo("/mirror/tiny/model.onnx")).hasSize(1);
    }

    @Test
    void aListedSha256ThatDoesNotMatchFailsTheDownload() throws IOException {
        Path folder = modelFolder("tiny");
        String files = ",\"files\":[{\"path\":\"genai_config.json\"},{\"path\":\"model.onnx\",\"sha256\":\"" + "0".repeat(64) + "\"}]";
        Files.writeString(home.resolve("catalog.json"), "[" + entry("Tiny-cuda-gpu:4", "tiny", "mirror/tiny", files) + "]");
        ServiceSettings settings = settings(List.of("local:catalog.json"));
        CatalogModel model = Catalogs.fromSettings(settings, new FoundryHome(home), Map.of()).getFirst().listModels().getFirst();

        assertThatThrownBy(() -> ModelDownloaders.create(settings, new FoundryHome(home), Map.of(), Fixtures.fastDownloads())
                .download(model, null, null))
                .isInstanceOf(DownloadFailedException.class).hasMessageContaining("SHA-256 mismatch");
        assertThat(folder.resolve("model.onnx")).exists();
        assertThat(ModelStores.create(home.resolve("cache/models")).scan().models()).isEmpty();
    }

    @Test
    void anHttpFolderWithoutAFilesListCannotBeDownloaded() {
        CatalogModel model = CatalogModel.of(new org.jfoundry.ports.model.ModelId("Tiny-generic-cpu", "1"), "tiny",
                server.base() + "/mirror/tiny/", org.jfoundry.ports.model.ModelRuntime.CPU, "chat-completion");

        assertThatThrownBy(() -> ModelDownloaders.create(settings(List.of()), new FoundryHome(home), Map.of(),
                Fixtures.fastDownloads()).download(model, null, null))
                .isInstanceOf(DownloadFailedException.class).hasMessageContaining("'files' array");
    }

    @Test
    void anEmbeddingModelFolderWithOnlyModelOnnxIsAcceptedWhenTheTaskSaysEmbeddings() throws IOException {
        Path folder = Files.createDirectories(home.resolve("mirror/minilm"));
        Files.write(folder.resolve("model.onnx"), Fixtures.randomBytes(1_000, 5));
        Files.writeString(folder.resolve("tokenizer.json"), "{}");
        Files.writeString(home.resolve("catalog.json"), "[{\"name\":\"all-MiniLM-L6-v2\",\"version\":\"1\",\"uri\":\"mirror/minilm\","
                + "\"task\":\"embeddings\",\"alias\":\"minilm\"}]");
        ServiceSettings settings = settings(List.of("local:catalog.json"));
        CatalogModel model = Catalogs.fromSettings(settings, new FoundryHome(home), Map.of()).getFirst().listModels().getFirst();

        CachedModel cached = ModelDownloaders.create(settings, new FoundryHome(home), Map.of(), Fixtures.fastDownloads())
                .download(model, null, null);

        assertThat(cached.isEmbeddingModel()).isTrue();
        assertThat(cached.id().toString()).isEqualTo("all-MiniLM-L6-v2:1");
    }

    @Test
    void aBadEntryIsATypedErrorNamingTheEntry() throws IOException {
        Files.writeString(home.resolve("catalog.json"), "[" + entry("Fine-generic-cpu:1", "fine", "a", "")
                + ",{\"name\":\"Broken-generic-cpu\",\"uri\":\"b\"}]");

        CatalogSource source = Catalogs.fromSettings(settings(List.of("local:catalog.json")), new FoundryHome(home), Map.of()).getFirst();

        assertThatThrownBy(source::listModels).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("entry 1").hasMessageContaining("Broken-generic-cpu").hasMessageContaining("version");
    }

    @Test
    void foundryCatalogEnvironmentVariableReplacesTheOnlineCatalog() throws IOException {
        server.route("/api", (exchange, body) -> FakeServer.send(exchange, 500, "text/plain", "must not be asked"));
        Files.writeString(home.resolve("offline.json"), "[" + entry("Tiny-cuda-gpu:4", "tiny", "mirror/tiny", "") + "]");
        Map<String, String> env = Map.of("FOUNDRY_CATALOG", home.resolve("offline.json").toString(),
                "FOUNDRY_CATALOG_ENDPOINT", server.base());

        List<CatalogSource> sources = Catalogs.fromSettings(settings(List.of("foundry")), new FoundryHome(home), env);
        List<CatalogModel> models = Catalogs.combined(sources).listModels();

        assertThat(sources).singleElement().isInstanceOf(LocalCatalog.class);
        assertThat(models).extracting(m -> m.id().toString()).containsExactly("Tiny-cuda-gpu:4");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void anHttpCatalogIsFetchedThroughTheProxyTheEnvironmentNames() {
        // The fake server plays the proxy: a proxied plain-http request names the real host in its request line.
        server.route("/catalog.json", (exchange, body) -> FakeServer.send(exchange, 200, "application/json",
                "[" + entry("Tiny-cuda-gpu:4", "tiny", "mirror/tiny", "") + "]"));
        Map<String, String> env = Map.of("HTTP_PROXY", server.base(), "FOUNDRY_CATALOG", "http://mirror.invalid/catalog.json");

        List<CatalogModel> models = Catalogs.combined(Catalogs.fromSettings(settings(List.of("foundry")),
                new FoundryHome(home), env)).listModels();

        assertThat(models).extracting(CatalogModel::uri).containsExactly("http://mirror.invalid/mirror/tiny/");
        assertThat(server.requests()).singleElement()
                .satisfies(r -> assertThat(r.uri().toString()).isEqualTo("http://mirror.invalid/catalog.json"));
    }

    @Test
    void theFirstSourceWinsForADuplicateId() throws IOException {
        Files.writeString(home.resolve("first.json"), "[" + entry("Tiny-cuda-gpu:4", "first", "a", "") + "]");
        Files.writeString(home.resolve("second.json"), "[" + entry("Tiny-cuda-gpu:4", "second", "b", "") + ","
                + entry("Other-cuda-gpu:1", "other", "c", "") + "]");

        CatalogSource combined = Catalogs.combined(Catalogs.fromSettings(
                settings(List.of("local:first.json", "local:second.json")), new FoundryHome(home), Map.of()));

        assertThat(combined.listModels()).extracting(CatalogModel::alias).containsExactly("first", "other");
    }

    @Test
    void aFailingSourceIsSkippedWhileAnotherAnswers() throws IOException {
        Files.writeString(home.resolve("good.json"), "[" + entry("Tiny-cuda-gpu:4", "tiny", "a", "") + "]");

        CatalogSource combined = Catalogs.combined(Catalogs.fromSettings(
                settings(List.of("local:missing.json", "local:good.json")), new FoundryHome(home), Map.of()));

        assertThat(combined.listModels()).extracting(CatalogModel::alias).containsExactly("tiny");
    }

    @Test
    void anUnknownSourceNameIsRejected() {
        assertThatThrownBy(() -> Catalogs.fromSettings(settings(List.of("foundry", "ftp:x")), new FoundryHome(home), Map.of()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("ftp:x");
    }
}
