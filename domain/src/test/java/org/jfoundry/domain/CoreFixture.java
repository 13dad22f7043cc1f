package org.jfoundry.domain;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.ChatCompletionRequest;
import org.jfoundry.ports.inference.ChatMessage;
import org.jfoundry.ports.inference.Completion;
import org.jfoundry.ports.inference.LoadOptions;
import org.jfoundry.ports.out.CatalogSource;
import org.jfoundry.ports.out.InferenceEngine;
import org.jfoundry.ports.settings.ServiceSettings;
import org.jfoundry.ports.testing.FakeCatalogSource;
import org.jfoundry.ports.testing.FakeHardwareProbe;
import org.jfoundry.ports.testing.FakeInferenceEngine;
import org.jfoundry.ports.testing.FakeModelDownloader;
import org.jfoundry.ports.testing.FakeModelStore;
import org.jfoundry.ports.testing.ManualClock;

/** A core wired to fakes and a manual clock; tests change the parts they care about before {@link #core()}. */
final class CoreFixture implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(30);

    final ManualClock clock = new ManualClock();
    final FakeModelStore store = new FakeModelStore(Path.of("/fake-home/cache/models"));
    final FakeModelDownloader downloader = new FakeModelDownloader(store);
    final FakeCatalogSource catalog = new FakeCatalogSource("foundry", List.of());
    final List<CatalogSource> catalogs = new ArrayList<>(List.of(catalog));
    final FakeHardwareProbe hardware = FakeHardwareProbe.cpuOnly();
    final FakeInferenceEngine engine = new FakeInferenceEngine();
    final List<InferenceEngine> engines = new ArrayList<>(List.of(engine));
    ServiceSettings settings = ServiceSettings.defaults(Path.of("/fake-home"));
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "test-request");
        thread.setDaemon(true);
        return thread;
    });
    private FoundryCore core;

    /** Built on first use, once, even when requests on several threads ask at the same time. */
    synchronized FoundryCore core() {
        if (core == null) {
            core = FoundryCore.builder().settings(settings).store(store).downloader(downloader).importer(downloader).catalogs(catalogs)
                    .engines(engines).hardware(hardware).clock(clock).build();
        }
        return core;
    }

    /** Runs work on another thread, as a concurrent request would. */
    <T> CompletableFuture<T> async(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, threads);
    }

    /**
     * Starts a chat request that the engine holds before its first token, and returns once it is held: a request
     * in flight for as long as the test wants.
     */
    CompletableFuture<Completion> startHeldChat(String model) {
        int heldBefore = engine.generationsRunning();
        engine.holdGenerations();
        CompletableFuture<Completion> request = async(() -> core().completeChat(chat(model), new CancellationSignal()));
        if (!engine.awaitGenerationsHeld(heldBefore + 1, WAIT)) {
            throw new AssertionError("the request for " + model + " did not reach the engine");
        }
        return request;
    }

    static ChatCompletionRequest chat(String model) {
        return new ChatCompletionRequest(model, List.of(ChatMessage.user("Say hello")), null, null);
    }

    static ChatCompletionRequest chat(String model, LoadOptions options) {
        return new ChatCompletionRequest(model, List.of(ChatMessage.user("Say hello")), null, options);
    }

    @Override
    public void close() {
        engine.releaseGenerations().releaseLoads();
        downloader.release();
        if (core != null) {
            core.close();
        }
        threads.shutdownNow();
        try {
            threads.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
