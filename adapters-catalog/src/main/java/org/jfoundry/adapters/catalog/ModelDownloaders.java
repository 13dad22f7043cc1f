package org.jfoundry.adapters.catalog;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jfoundry.ports.out.ModelDownloader;
import org.jfoundry.ports.settings.FoundryHome;
import org.jfoundry.ports.settings.ServiceSettings;

/**
 * The downloader for the cache at {@link ServiceSettings#cacheDirectory()}. It fetches {@code azureml://} models
 * through the Azure ML model registry and blob storage, {@code hf://} models from the Hugging Face Hub, and
 * {@code file:}/{@code http(s):} folders described by the configured local catalogs (see {@link Catalogs} for the
 * settings and environment variables it honours).
 */
public final class ModelDownloaders {
    private ModelDownloaders() {
    }

    public static ModelDownloader create(ServiceSettings settings, FoundryHome home, Map<String, String> env) {
        return create(settings, home, env, DownloadOptions.defaults());
    }

    public static ModelDownloader create(ServiceSettings settings, FoundryHome home, Map<String, String> env,
                                         DownloadOptions options) {
        CatalogConfig config = CatalogConfig.from(settings, home, env);
        var client = HttpSupport.newClient(options.connectTimeout(), config.proxy());
        HttpSupport http = new HttpSupport(client, options.stallTimeout(), options.maxAttempts(), options.backoff());
        List<FileResolver> resolvers = List.of(
                new AzureRegistryFiles(http, config.modelRegistryBase()),
                Catalogs.hub(config, http),
                new FolderFiles(() -> Catalogs.localCatalogs(config, http)));
        return new ParallelModelDownloader(new CacheModelStore(config.cacheDirectory()), resolvers, client, options,
                Watchdog.INSTANCE);
    }

    /** One daemon thread for the whole process checks every transfer for stalls; it only closes streams. */
    private static final class Watchdog {
        static final ScheduledExecutorService INSTANCE = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("download-watchdog").factory());
    }
}
