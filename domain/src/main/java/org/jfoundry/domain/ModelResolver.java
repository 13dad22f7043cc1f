package org.jfoundry.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.failure.ModelNotCachedException;
import org.jfoundry.ports.failure.ModelNotFoundException;
import org.jfoundry.ports.failure.ProviderUnavailableException;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.CatalogListing;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.model.ModelNames;
import org.jfoundry.ports.model.ModelRuntime;
import org.jfoundry.ports.out.HardwareProbe;
import org.jfoundry.ports.out.ModelStore;

/**
 * Turns what a user typed (an alias, an id without version, or a full id) into one variant: from the catalog for
 * downloads, from the cache for loads and requests. Never picks a variant whose provider is unavailable here.
 */
final class ModelResolver {

    private final Catalog catalog;
    private final ModelStore store;
    private final HardwareProbe hardware;

    ModelResolver(Catalog catalog, ModelStore store, HardwareProbe hardware) {
        this.catalog = catalog;
        this.store = store;
        this.hardware = hardware;
    }

    /** A cached model with what the catalog knows about it. */
    record CachedVariant(CachedModel model, String alias, ModelRuntime runtime) {
        ModelId id() {
            return model.id();
        }
    }

    /** The best catalog variant this machine can run. */
    CatalogModel resolveCatalog(String aliasOrId, ExecutionProvider provider) {
        ModelNames.requireSafe(aliasOrId, "model");
        Set<ExecutionProvider> available = availableProviders(provider);
        List<CatalogModel> models = catalog.all();
        List<CatalogModel> matches = models.stream().filter(m -> matches(aliasOrId, m.id(), m.alias())).toList();
        if (matches.isEmpty()) {
            throw new ModelNotFoundException(aliasOrId);
        }
        List<CatalogModel> runnable = matches.stream()
                .filter(m -> provider == null || m.runtime().executionProvider() == provider)
                .filter(m -> available.contains(m.runtime().executionProvider()))
                .sorted(DevicePolicy.bestFirst(CatalogModel::id, CatalogModel::runtime))
                .toList();
        if (runnable.isEmpty()) {
            throw nothingFits(aliasOrId, provider, available,
                    matches.stream().map(m -> m.id() + " (" + describe(m.runtime()) + ")").toList());
        }
        return runnable.getFirst();
    }

    /**
     * The best cached variant this machine can run. Fails with {@link ModelNotCachedException} when only the catalog
     * knows the name, and {@link ModelNotFoundException} when nothing does.
     */
    CachedVariant resolveCached(String aliasOrId, ExecutionProvider provider) {
        ModelNames.requireSafe(aliasOrId, "model");
        Set<ExecutionProvider> available = availableProviders(provider);
        List<CatalogModel> catalogModels = catalog.allOrEmpty();
        List<CachedVariant> matches = cachedMatches(aliasOrId, catalogModels);
        if (matches.isEmpty()) {
            throw notCachedOrNotFound(aliasOrId, catalogModels);
        }
        boolean fullId = ModelId.isFullId(aliasOrId) && matches.size() == 1;
        List<CachedVariant> runnable = matches.stream()
                // An explicit id with an explicit provider means "run this variant on that provider".
                .filter(v -> provider == null || fullId || v.runtime().executionProvider() == provider)
                .filter(v -> available.contains(provider != null ? provider : v.runtime().executionProvider()))
                .sorted(DevicePolicy.bestFirst(CachedVariant::id, CachedVariant::runtime))
                .toList();
        if (runnable.isEmpty()) {
            Optional<CatalogModel> downloadable = runnableInCatalog(aliasOrId, provider, available, catalogModels);
            if (downloadable.isPresent()) {
                throw new ModelNotCachedException(downloadable.get().id().toString());
            }
            throw nothingFits(aliasOrId, provider, available,
                    matches.stream().map(v -> v.id() + " (" + describe(v.runtime()) + ", cached)").toList());
        }
        return runnable.getFirst();
    }

    private static Optional<CatalogModel> runnableInCatalog(String aliasOrId, ExecutionProvider provider,
                                                          Set<ExecutionProvider> available, List<CatalogModel> models) {
        return models.stream()
                .filter(m -> matches(aliasOrId, m.id(), m.alias()))
                .filter(m -> provider == null || m.runtime().executionProvider() == provider)
                .filter(m -> available.contains(m.runtime().executionProvider()))
                .min(DevicePolicy.bestFirst(CatalogModel::id, CatalogModel::runtime));
    }

    /** Every cached variant the name designates, whether this machine can run it or not. */
    List<CachedVariant> cachedMatches(String aliasOrId, List<CatalogModel> catalogModels) {
        return store.scan().models().stream()
                .map(m -> describe(m, catalogModels))
                .filter(v -> matches(aliasOrId, v.id(), v.alias()))
                .toList();
    }

    CachedVariant describe(CachedModel model, List<CatalogModel> catalogModels) {
        Optional<CatalogModel> entry = catalogModels.stream().filter(c -> c.id().equals(model.id())).findFirst();
        String alias = model.alias() != null ? model.alias() : entry.map(CatalogModel::alias).orElse(null);
        ModelRuntime runtime = entry.map(CatalogModel::runtime).orElseGet(() -> DevicePolicy.runtimeFromName(model.id()));
        return new CachedVariant(model, alias, runtime);
    }

    CatalogListing catalogListing() {
        return catalog.listing();
    }

    /** A catalog entry for a downloaded model no catalog source lists: what the cache knows about it. */
    CatalogModel entryFor(CachedModel model, List<CatalogModel> catalogModels) {
        CachedVariant variant = describe(model, catalogModels);
        long megabytes = model.sizeBytes() / (1024 * 1024);
        return new CatalogModel(model.id(), model.id().name(), "AzureFoundry", model.folder().toUri().toString(), "ONNX",
                model.promptTemplate(), null, model.task(), variant.runtime(), megabytes, List.of(), variant.alias(),
                false, null, null, null, null, null);
    }

    List<CatalogModel> catalogOrEmpty() {
        return catalog.allOrEmpty();
    }

    Set<ExecutionProvider> availableProviders() {
        return hardware.probe().availableProviders();
    }

    /** A name designates a variant by full id, by id without version, or by alias; case does not matter. */
    static boolean matches(String aliasOrId, ModelId id, String alias) {
        if (ModelId.isFullId(aliasOrId)) {
            return id.toString().equalsIgnoreCase(aliasOrId);
        }
        return id.name().equalsIgnoreCase(aliasOrId) || (alias != null && alias.equalsIgnoreCase(aliasOrId));
    }

    private Set<ExecutionProvider> availableProviders(ExecutionProvider wanted) {
        Set<ExecutionProvider> available = availableProviders();
        if (wanted != null && !available.contains(wanted)) {
            throw new ProviderUnavailableException(wanted.shortName(), shortNames(available));
        }
        return available;
    }

    private RuntimeException notCachedOrNotFound(String aliasOrId, List<CatalogModel> catalogModels) {
        List<CatalogModel> known = catalogModels.stream().filter(m -> matches(aliasOrId, m.id(), m.alias())).toList();
        if (known.isEmpty()) {
            return new ModelNotFoundException(aliasOrId);
        }
        return new ModelNotCachedException(ModelId.isFullId(aliasOrId) ? known.getFirst().id().toString() : aliasOrId);
    }

    private static RuntimeException nothingFits(String aliasOrId, ExecutionProvider provider,
                                                Set<ExecutionProvider> available, List<String> variants) {
        String wanted = provider == null ? "" : " with provider '" + provider.shortName() + "'";
        return new ProviderUnavailableException("No variant of '" + aliasOrId + "'" + wanted
                + " can run here. Variants: " + variants + "; available providers: " + shortNames(available));
    }

    private static List<String> shortNames(Set<ExecutionProvider> providers) {
        return providers.stream().sorted(Comparator.naturalOrder()).map(ExecutionProvider::shortName).toList();
    }

    private static String describe(ModelRuntime runtime) {
        return runtime.deviceType() + ", " + runtime.executionProvider().shortName();
    }

    /** A name that designates several cached variants where one is needed (removal). */
    static InvalidRequestException ambiguous(String aliasOrId, List<CachedVariant> matches) {
        return new InvalidRequestException("'" + aliasOrId + "' names several cached models: "
                + matches.stream().map(v -> v.id().toString()).collect(Collectors.joining(", "))
                + "; name one by its id", "model");
    }
}
