package org.jfoundry.adapters.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jfoundry.ports.failure.CancelledException;
import org.jfoundry.ports.failure.DownloadFailedException;
import org.jfoundry.ports.failure.ModelNotFoundException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.model.ModelRuntime;
import org.jfoundry.ports.model.PromptTemplate;
import org.jfoundry.ports.out.DownloadProgress;
import org.jfoundry.ports.out.ModelDownloader;
import org.jfoundry.ports.settings.FoundryHome;
import org.jfoundry.ports.settings.ServiceSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Downloads of models published in Azure blob storage, the way the model registry describes them. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ModelDownloaderTest {
    private static final String ASSET = "azureml://registries/azureml/models/Tiny-model-generic-cpu/versions/2";
    private static final String CONTAINER = "/azureml-abc";
    private static final String BLOB_FOLDER = CONTAINER + "/models/tiny/";
    private static final PromptTemplate TEMPLATE = new PromptTemplate("<|system|>{Content}", "<|user|>{Content}",
            "<|assistant|>{Content}", "<|user|>{Content}<|assistant|>");

    @TempDir
    Path home;
    Path cache;
    FakeServer server;
    /**
     * Downloads run in their caller's thread and block in {@code Future.get}; on the common pool (one worker on a
     * 2-core machine) that would starve the HTTP client's own stages, so background callers get threads of their own.
     */
    private static final java.util.concurrent.ExecutorService CALLERS = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
    final Map<String, byte[]> blobs = new LinkedHashMap<>();

    @BeforeEach
    void start() throws IOException {
        cache = home.resolve("cache/models");
        server = new FakeServer();
        blobs.put("genai_config.json", Fixtures.utf8("{\"model\":{\"type\":\"phi3\"}}"));
        blobs.put("tokenizer.json", Fixtures.utf8("{\"version\":\"1.0\"}"));
        blobs.put("model.onnx", Fixtures.randomBytes(40_000, 1));
        blobs.put("model.onnx.data", Fixtures.randomBytes(600_000, 2));
        serveRegistryAndContainer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The registry points at a container folder; the listing comes in two pages joined by NextMarker. */
    private void serveRegistryAndContainer() {
        server.route("/modelregistry/v1.0/registry/models/nonazureaccount", (exchange, body) -> {
            String query = exchange.getRequestURI().getQuery();
            if (!query.equals("assetId=" + ASSET)) {
                FakeServer.send(exchange, 404, "application/json", "{\"error\":\"unknown asset\"}");
                return;
            }
            FakeServer.send(exchange, 200, "application/json", "{\"modelEntity\":{},\"blobSasUri\":\""
                    + server.base() + CONTAINER + "/models/tiny?sv=2023&sig=secret\"}");
        });
        server.route(CONTAINER, (exchange, body) -> {
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getQuery();
            if (!query.contains("sig=secret")) {
                FakeServer.send(exchange, 403, "text/plain", "no signature");
            } else if (path.equals(CONTAINER) && query.contains("comp=list")) {
                FakeServer.send(exchange, 200, "application/xml", listing(query.contains("marker=page2")));
            } else {
                byte[] content = blobs.get(path.substring(BLOB_FOLDER.length()));
                if (content == null) {
                    FakeServer.send(exchange, 404, "text/plain", "BlobNotFound");
                } else {
                    FakeServer.serveRange(exchange, content);
                }
            }
        });
    }

    private String listing(boolean secondPage) {
        List<String> names = List.copyOf(blobs.keySet());
        List<String> page = secondPage ? names.subList(2, names.size()) : names.subList(0, 2);
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><EnumerationResults "
                + "ServiceEndpoint=\"" + server.base() + "/\" ContainerName=\"azureml-abc\"><Prefix>models/tiny/</Prefix><Blobs>");
        for (String name : page) {
            xml.append("<Blob><Name>models/tiny/").append(name).append("</Name><Properties><Content-Length>")
                    .append(blobs.get(name).length).append("</Content-Length><Content-MD5>")
                    .append(Fixtures.md5Base64(blobs.get(name))).append("</Content-MD5></Properties></Blob>");
        }
        xml.append("</Blobs><NextMarker>").append(secondPage ? "" : "page2").append("</NextMarker></EnumerationResults>");
        return xml.toString();
    }

    private ModelDownloader downloader(DownloadOptions options) {
        ServiceSettings settings = ServiceSettings.defaults(home);
        return ModelDownloaders.create(settings, new FoundryHome(home),
                Map.of("FOUNDRY_MODEL_REGISTRY_ENDPOINT", server.base()), options);
    }

    private static CatalogModel tinyModel() {
        return new CatalogModel(new ModelId("Tiny-model-generic-cpu", "2"), "Tiny", "AzureFoundry", ASSET, "ONNX",
                TEMPLATE, "Microsoft", "chat-completion", ModelRuntime.CPU, 1, List.of(), "tiny", false, "MIT", null,
                null, null, null);
    }

    private Path target() {
        return cache.resolve("Microsoft/Tiny-model-generic-cpu-2/v2");
    }

    private static String blobPath(String name) {
        return BLOB_FOLDER + name;
    }

    /** The first request for the big file gets that many bytes and a dropped connection; later ones are served. */
    private void dropTheBigFileOnceAfter(int bytes) {
        byte[] data = blobs.get("model.onnx.data");
        AtomicInteger tries = new AtomicInteger();
        server.route(blobPath("model.onnx.data"), (exchange, body) -> {
            if (tries.getAndIncrement() == 0) {
                FakeServer.sendPartThenDrop(exchange, data, bytes);
            } else {
                FakeServer.serveRange(exchange, data);
            }
        });
    }

    /** The big file is served only once the returned latch opens, so that callers can pile up meanwhile. */
    private CountDownLatch holdTheBigFileUntil() {
        CountDownLatch gate = new CountDownLatch(1);
        byte[] data = blobs.get("model.onnx.data");
        server.route(blobPath("model.onnx.data"), (exchange, body) -> {
            try {
                gate.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            FakeServer.serveRange(exchange, data);
        });
        return gate;
    }

    private void awaitTheFirstRequestForTheBigFile() throws InterruptedException {
        while (server.requestsTo(blobPath("model.onnx.data")).isEmpty()) {
            Thread.sleep(5);
        }
    }

    @Test
    void downloadsEveryBlobIntoTheVersionedCacheFolder() throws IOException {
        List<DownloadProgress> events = new CopyOnWriteArrayList<>();

        CachedModel model = downloader(Fixtures.fastDownloads()).download(tinyModel(), events::add, new CancellationSignal());

        assertThat(model.folder()).isEqualTo(target().toAbsolutePath().normalize());
        for (var blob : blobs.entrySet()) {
            assertThat(target().resolve(blob.getKey())).hasBinaryContent(blob.getValue());
        }
        assertThat(model.id()).isEqualTo(new ModelId("Tiny-model-generic-cpu", "2"));
        assertThat(model.alias()).isEqualTo("tiny");
        assertThat(model.task()).isEqualTo("chat-completion");
        assertThat(model.promptTemplate()).isEqualTo(TEMPLATE);
        assertThat(target().resolve("download.tmp")).doesNotExist();
        assertThat(cache.resolve("Microsoft/Tiny-model-generic-cpu-2/v2.download")).doesNotExist();
        long total = blobs.values().stream().mapToLong(b -> b.length).sum();
        assertThat(events).isNotEmpty();
        assertThat(events.getLast().doneBytes()).isEqualTo(total);
        assertThat(events.getLast().totalBytes()).isEqualTo(total);
        assertThat(events.getLast().percent()).isEqualTo(100.0);
        assertThat(events).allSatisfy(e -> assertThat(e.bytesPerSecond()).isNotNegative());
    }

    @Test
    void writesInferenceModelJsonWithNameTemplateTaskAndAlias() throws IOException {
        downloader(Fixtures.fastDownloads()).download(tinyModel(), null, null);

        JsonNode written = JsonSupport.MAPPER.readTree(target().resolve("inference_model.json").toFile());
        assertThat(written.get("Name").asText()).isEqualTo("Tiny-model-generic-cpu:2");
        assertThat(written.at("/PromptTemplate/user").asText()).isEqualTo("<|user|>{Content}");
        assertThat(written.get("Task").asText()).isEqualTo("chat-completion");
        assertThat(written.get("Alias").asText()).isEqualTo("tiny");
    }

    @Test
    void sendsTheSasQueryWithEveryBlobRequest() {
        downloader(Fixtures.fastDownloads()).download(tinyModel(), null, null);

        assertThat(server.requests()).filteredOn(r -> r.uri().getPath().startsWith(CONTAINER))
                .allSatisfy(r -> assertThat(r.uri().getQuery()).contains("sig=secret"));
        assertThat(server.requests()).filteredOn(r -> r.uri().getPath().equals(CONTAINER))
                .extracting(r -> r.uri().getQuery())
                .allSatisfy(q -> assertThat(q).contains("restype=container", "comp=list", "prefix=models/tiny/"));
    }

    @Test
    void aModelAlreadyCachedIsNotDownloadedAgain() {
        ModelDownloader downloader = downloader(Fixtures.fastDownloads());
        downloader.download(tinyModel(), null, null);
        int requests = server.requests().size();

        CachedModel again = downloader.download(tinyModel(), null, null);

        assertThat(again.folder()).isEqualTo(target().toAbsolutePath().normalize());
        assertThat(server.requests()).hasSize(requests);
    }

    @Test
    void aModelPlacedByHandElsewhereInTheCacheCountsAsDownloaded() throws IOException {
        Path byHand = Files.createDirectories(cache.resolve("mine/tiny"));
        Files.writeString(byHand.resolve("genai_config.json"), "{}");
        Files.writeString(byHand.resolve("inference_model.json"), "{\"Name\":\"Tiny-model-generic-cpu:2\"}");

        CachedModel model = downloader(Fixtures.fastDownloads()).download(tinyModel(), null, null);

        assertThat(model.folder()).isEqualTo(byHand.toAbsolutePath().normalize());
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void resumesAFileWithARangeRequestAfterTheConnectionDrops() {
        byte[] data = blobs.get("model.onnx.data");
        dropTheBigFileOnceAfter(250_000);

        downloader(Fixtures.fastDownloads()).download(tinyModel(), null, null);

        assertThat(target().resolve("model.onnx.data")).hasBinaryContent(data);
        List<FakeServer.Request> fetches = server.requestsTo(blobPath("model.onnx.data"));
        assertThat(fetches).hasSize(2);
        assertThat(fetches.get(0).header("Range")).isNull();
        assertThat(fetches.get(1).header("Range")).matches("bytes=\\d+-");
        long resumedAt = Long.parseLong(fetches.get(1).header("Range").replaceAll("\\D", ""));
        assertThat(resumedAt).isPositive().isLessThanOrEqualTo(250_000);
    }

    @Test
    void aDownloadThatFailedMidFileIsResumedByTheNextAttempt() {
        byte[] data = blobs.get("model.onnx.data");
        dropTheBigFileOnceAfter(250_000);
        DownloadOptions oneTry = Fixtures.fastDownloads().withRetries(1, Duration.ofMillis(10), Duration.ofMillis(10));
        assertThatThrownBy(() -> downloader(oneTry).download(tinyModel(), null, null))
                .isInstanceOf(DownloadFailedException.class);
        assertThat(ModelStores.create(cache).scan().models()).isEmpty();

        downloader(Fixtures.fastDownloads()).download(tinyModel(), null, null);

        assertThat(target().resolve("model.onnx.data")).hasBinaryContent(data);
        assertThat(server.requestsTo(blobPath("model.onnx.data")).getLast().header("Range")).matches("bytes=[1-9]\\d*-");
    }

    @Test
    void retriesAServerErrorAndThenSucceeds() {
        AtomicInteger tries = new AtomicInteger();
        server.route(blobPath("model.onnx"), (exchange, body) -> {
            if (tries.getAndIncrement() < 2) {
                FakeServer.send(exchange, 500, "text/plain", "InternalError");
            } else {
                FakeServer.serveRange(exchange, blobs.get("model.onnx"));
            }
        });

        downloader(Fixtures.fastDownloads()).download(tinyModel(), null, null);

        assertThat(tries.get()).isEqualTo(3);
        assertThat(target().resolve("model.onnx")).hasBinaryContent(blobs.get("model.onnx"));
    }

    @Test
    void aThrottlingServersRetryAfterIsWaitedOut() {
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        server.route(blobPath("model.onnx"), (exchange, body) -> {
            arrivals.add(System.nanoTime());
            if (arrivals.size() == 1) {
                exchange.getResponseHeaders().set("Retry-After", "1");
                FakeServer.send(exchange, 429, "text/plain", "slow down");
            } else {
                FakeServer.serveRange(exchange, blobs.get("model.onnx"));
            }
        });
        DownloadOptions patient = Fixtures.fastDownloads().withRetries(4, Duration.ofMillis(10), Duration.ofSeconds(5));

        downloader(patient).download(tinyModel(), null, null);

        assertThat(arrivals).hasSize(2);
        assertThat(Duration.ofNanos(arrivals.get(1) - arrivals.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void aServerThatKeepsFailingEndsInADownloadFailureAndNoModel() {
        server.route(blobPath("model.onnx"), (exchange, body) -> FakeServer.send(exchange, 503, "text/plain", "down"));

        assertThatThrownBy(() -> downloader(Fixtures.fastDownloads()).download(tinyModel(), null, null))
                .isInstanceOf(DownloadFailedException.class)
                .hasMessageContaining("model.onnx").hasMessageContaining("4 attempts").hasMessageContaining("503");
        assertThat(server.requestsTo(blobPath("model.onnx"))).hasSize(4);
        assertThat(target()).doesNotExist();
        assertThat(ModelStores.create(cache).scan().models()).isEmpty();
    }

    @Test
    void aMissingBlobFailsAtOnceWithoutRetrying() {
        blobs.put("extra.bin", Fixtures.utf8("listed but gone"));
        server.route(blobPath("extra.bin"), (exchange, body) -> FakeServer.send(exchange, 404, "text/plain", "BlobNotFound"));

        assertThatThrownBy(() -> downloader(Fixtures.fastDownloads()).download(tinyModel(), null, null))
                .isInstanceOf(DownloadFailedException.class)
                .hasMessageContaining("extra.bin").hasMessageContaining("404");
        assertThat(server.requestsTo(blobPath("extra.bin"))).hasSize(1);
        assertThat(ModelStores.create(cache).scan().models()).isEmpty();
    }

    @Test
    void aBlobWhoseChecksumIsWrongFailsTheDownloadAndLeavesNoModel() {
        byte[] tampered = blobs.get("model.onnx").clone();
        tampered[100] ^= 1;
        server.route(blobPath("model.onnx"), (exchange, body) -> FakeServer.serveRange(exchange, tampered));

        assertThatThrownBy(() -> downloader(Fixtures.fastDownloads()).download(tinyModel(), null, null))
                .isInstanceOf(DownloadFailedException.class)
                .hasMessageContaining("model.onnx").hasMessageContaining("MD5 mismatch");
        assertThat(target()).doesNotExist();
        assertThat(ModelStores.create(cache).scan().models()).isEmpty();
        assertThat(ModelStores.create(cache).scan().corrupt()).isEmpty();
    }

    @Test
    void aListingNamingAPathOutsideTheModelFolderIsRefused() {
        blobs.put("../../escape.txt", Fixtures.utf8("must never be written"));

        assertThatThrownBy(() -> downloader(Fixtures.fastDownloads()).download(tinyModel(), null, null))
                .isInstanceOf(DownloadFailedException.class).hasMessageContaining("..");
        assertThat(cache.resolve("Microsoft/Tiny-model-generic-cpu-2/escape.txt")).doesNotExist();
        assertThat(server.requests()).noneMatch(r -> r.uri().getPath().startsWith(BLOB_FOLDER));
    }

    @Test
    void anAssetTheRegistryDoesNotKnowIsModelNotFound() {
        CatalogModel unknown = CatalogModel.of(new ModelId("Nope-generic-cpu", "1"), "nope",
                "azureml://registries/azureml/models/Nope-generic-cpu/versions/1", ModelRuntime.CPU, "chat-completion");

        assertThatThrownBy(() -> downloader(Fixtures.fastDownloads()).download(unknown, null, null))
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("Nope-generic-cpu");
    }

    @Test
    void aStalledServerIsAbandonedAndTheFileFetchedAgain() {
        byte[] data = blobs.get("model.onnx.data");
        AtomicInteger tries = new AtomicInteger();
        server.route(blobPath("model.onnx.data"), (exchange, body) -> {
            if (tries.getAndIncrement() == 0) {
                server.stall(exchange, data);
            } else {
                FakeServer.serveRange(exchange, data);
            }
        });
        DownloadOptions options = Fixtures.fastDownloads().withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(500));

        downloader(options).download(tinyModel(), null, null);

        assertThat(target().resolve("model.onnx.data")).hasBinaryContent(data);
        assertThat(tries.get()).isEqualTo(2);
    }

    @Test
    void cancellingStopsADownloadAndLeavesNothingThatLooksLikeAModel() throws Exception {
        server.route(blobPath("model.onnx.data"), (exchange, body) -> server.stall(exchange, blobs.get("model.onnx.data")));
        CancellationSignal cancel = new CancellationSignal();
        CountDownLatch started = new CountDownLatch(1);
        ModelDownloader downloader = downloader(Fixtures.fastDownloads());

        CompletableFuture<CachedModel> download = CompletableFuture.supplyAsync(
                () -> downloader.download(tinyModel(), progress -> started.countDown(), cancel), CALLERS);
        assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
        awaitTheFirstRequestForTheBigFile();
        cancel.cancel("user pressed Ctrl+C");

        assertThatThrownBy(() -> download.get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(CancelledException.class);
        assertThat(target()).doesNotExist();
        assertThat(cache.resolve("Microsoft/Tiny-model-generic-cpu-2/v2.download/download.tmp")).exists();
        assertThat(ModelStores.create(cache).scan().models()).isEmpty();
    }

    @Test
    void aFullDiskIsRefusedBeforeAnyByteIsFetched() {
        DownloadOptions options = Fixtures.fastDownloads().withFreeSpace(folder -> 100_000, 0);

        assertThatThrownBy(() -> downloader(options).download(tinyModel(), null, null))
                .isInstanceOf(DownloadFailedException.class)
                .hasMessageContaining("Not enough free space");
        assertThat(server.requests()).noneMatch(r -> r.uri().getPath().startsWith(BLOB_FOLDER));
        assertThat(cache.resolve("Microsoft")).doesNotExist();
    }

    @Test
    void aSecondCallForARunningDownloadIsRefusedNotJoinedSinceTheCoreSharesDownloads() throws Exception {
        CountDownLatch gate = holdTheBigFileUntil();
        ModelDownloader downloader = downloader(Fixtures.fastDownloads());
        CompletableFuture<CachedModel> running = CompletableFuture.supplyAsync(
                () -> downloader.download(tinyModel(), null, new CancellationSignal()), CALLERS);
        awaitTheFirstRequestForTheBigFile();

        assertThatThrownBy(() -> downloader.download(tinyModel(), null, new CancellationSignal()))
                .isInstanceOf(DownloadFailedException.class).hasMessageContaining("Another download");
        gate.countDown();

        assertThat(running.get(30, TimeUnit.SECONDS).folder()).isEqualTo(target().toAbsolutePath().normalize());
        assertThat(server.requestsTo(blobPath("model.onnx.data"))).hasSize(1);
    }

    @Test
    void aSecondDownloaderOnTheSameCacheDoesNotWriteIntoARunningDownload() throws Exception {
        CountDownLatch gate = holdTheBigFileUntil();
        CompletableFuture<CachedModel> running = CompletableFuture.supplyAsync(
                () -> downloader(Fixtures.fastDownloads()).download(tinyModel(), null, null), CALLERS);
        awaitTheFirstRequestForTheBigFile();

        assertThatThrownBy(() -> downloader(Fixtures.fastDownloads()).download(tinyModel(), null, null))
                .isInstanceOf(DownloadFailedException.class).hasMessageContaining("Another download");
        gate.countDown();

        assertThat(running.get(30, TimeUnit.SECONDS).folder().resolve("model.onnx.data")).hasBinaryContent(blobs.get("model.onnx.data"));
    }
}
