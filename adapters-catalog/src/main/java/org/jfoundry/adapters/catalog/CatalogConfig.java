package org.jfoundry.adapters.catalog;

import java.net.ProxySelector;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jfoundry.ports.settings.FoundryHome;
import org.jfoundry.ports.settings.ServiceSettings;

/**
 * Where the catalog adapters talk to, read once from settings and the environment so that every factory sees the same
 * endpoints (and proxy, see {@link EnvironmentProxy}). Environment variables exist mainly so tests and enterprise mirrors can point the service elsewhere.
 */
record CatalogConfig(
        Path home,
        Path cacheDirectory,
        List<String> sources,
        String region,
        URI foundryCatalogBase,
        URI modelRegistryBase,
        URI huggingFaceBase,
        String huggingFaceToken,
        String catalogOverride,
        List<String> huggingFaceModels,
        URI packageIndex,
        ProxySelector proxy) {

    /** A path or URL of a local catalog file that replaces the online Foundry catalog. */
    static final String FOUNDRY_CATALOG = "FOUNDRY_CATALOG";
    /** Base URL of the Azure AI Foundry catalog service, default {@code https://ai.azure.com}. */
    static final String FOUNDRY_CATALOG_ENDPOINT = "FOUNDRY_CATALOG_ENDPOINT";
    /** Base URL of the Azure ML model registry, default {@code https://<region>.api.azureml.ms}. */
    static final String FOUNDRY_MODEL_REGISTRY_ENDPOINT = "FOUNDRY_MODEL_REGISTRY_ENDPOINT";
    /** The Hugging Face Hub; the same variable the Hugging Face tools read. */
    static final String HF_ENDPOINT = "HF_ENDPOINT";
    static final String HF_TOKEN = "HF_TOKEN";
    /** Hugging Face repositories the bare {@code hf} source lists, separated by commas or spaces. */
    static final String FOUNDRY_HF_MODELS = "FOUNDRY_HF_MODELS";

    CatalogConfig {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(cacheDirectory, "cacheDirectory");
        Objects.requireNonNull(packageIndex, "packageIndex");
        sources = List.copyOf(sources);
        huggingFaceModels = List.copyOf(huggingFaceModels);
    }

    static CatalogConfig from(ServiceSettings settings, FoundryHome home, Map<String, String> env) {
        String region = settings.catalogRegion();
        return new CatalogConfig(
                home.root(),
                settings.cacheDirectory(),
                settings.catalogSources(),
                region,
                baseUri(env.get(FOUNDRY_CATALOG_ENDPOINT), "https://ai.azure.com"),
                baseUri(env.get(FOUNDRY_MODEL_REGISTRY_ENDPOINT), "https://" + region + ".api.azureml.ms"),
                baseUri(env.get(HF_ENDPOINT), "https://huggingface.co"),
                blankToNull(env.get(HF_TOKEN)),
                blankToNull(env.get(FOUNDRY_CATALOG)),
                splitList(env.get(FOUNDRY_HF_MODELS)),
                PackageIndex.base(env.get(PackageIndex.PIP_INDEX_URL)),
                EnvironmentProxy.from(env));
    }

    private static URI baseUri(String configured, String fallback) {
        String text = configured == null || configured.isBlank() ? fallback : configured.trim();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static List<String> splitList(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return List.of(text.trim().split("[,\\s]+"));
    }
}
