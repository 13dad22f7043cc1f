package org.jfoundry.adapters.rest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jfoundry.domain.FoundryCore;
import org.jfoundry.domain.SystemClock;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.DeviceType;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.settings.ServiceSettings;
import org.jfoundry.ports.testing.FakeCatalogSource;
import org.jfoundry.ports.testing.FakeHardwareProbe;
import org.jfoundry.ports.testing.FakeInferenceEngine;
import org.jfoundry.ports.testing.FakeModelDownloader;
import org.jfoundry.ports.testing.FakeModelStore;
import org.jfoundry.ports.testing.ModelFolders;

/**
 * The real core (domain's FoundryCore) over the fake engine, store, catalog and downloader, with a real clock: what
 * the REST adapter serves in tests. Three models: a cached chat model, a cached embedding model, and a chat model
 * that is only in the catalog.
 */
final class FakeFoundry implements AutoCloseable {
    static final String CHAT_ALIAS = "phi-mini";
    static final String CHAT_ID = "Phi-mini-generic-cpu:1";
    static final String EMBEDDING_ALIAS = "minilm";
    static final String EMBEDDING_ID = "MiniLM-generic-cpu:1";
    static final String UNCACHED_ALIAS = "qwen-small";
    static final String UNCACHED_ID = "Qwen-small-generic-cpu:2";
    /** In the catalog only; the download tests fetch it (so UNCACHED stays uncached for the other tests). */
    static final String DOWNLOADABLE_ID = "Mistral-tiny-generic-cpu:3";

    final Path home;
    final FakeModelStore store;
    final FakeModelDownloader downloader;
    final FakeInferenceEngine engine = new FakeInferenceEngine();
    final FakeCatalogSource catalog;
    final SystemClock clock = new SystemClock();
    final FoundryCore core;

    FakeFoundry() {
        this(settings -> settings);
    }

    FakeFoundry(java.util.function.UnaryOperator<ServiceSettings> tune) {
        try {
            home = Files.createTempDirectory("jfoundry-rest-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ServiceSettings settings = tune.apply(ServiceSettings.defaults(home));
        try {
            Files.createDirectories(settings.cacheDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        store = new FakeModelStore(settings.cacheDirectory());
        downloader = new FakeModelDownloader(store);
        CatalogModel chat = FakeCatalogSource.variant(CHAT_ALIAS, CHAT_ID, ExecutionProvider.CPU);
        CatalogModel embedding = FakeCatalogSource.variant(EMBEDDING_ALIAS, EMBEDDING_ID, DeviceType.CPU,
                ExecutionProvider.CPU, "embeddings");
        CatalogModel uncached = FakeCatalogSource.variant(UNCACHED_ALIAS, UNCACHED_ID, ExecutionProvider.CPU);
        CatalogModel downloadable = FakeCatalogSource.variant("mistral-tiny", DOWNLOADABLE_ID, ExecutionProvider.CPU);
        catalog = new FakeCatalogSource("foundry", List.of(chat, embedding, uncached, downloadable));
        store.add(ModelFolders.create(settings.cacheDirectory(), CHAT_ID, CHAT_ALIAS, "chat-completion", 1000));
        store.add(ModelFolders.create(settings.cacheDirectory(), EMBEDDING_ID, EMBEDDING_ALIAS, "embeddings", 1000));
        core = FoundryCore.builder().settings(settings).store(store).downloader(downloader).importer(downloader).catalogs(List.of(catalog))
                .engines(List.of(engine)).hardware(FakeHardwareProbe.cpuOnly()).clock(clock).build();
    }

    @Override
    public void close() {
        engine.releaseGenerations().releaseLoads();
        downloader.release();
        core.close();
        clock.close();
    }
}
