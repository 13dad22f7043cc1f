package org.jfoundry.adapters.cli.client;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jfoundry.ports.failure.ModelNotFoundException;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.DeviceType;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.model.ModelId;

/**
 * Turns what the user typed (an alias, an id without version, or a full id) into one model variant, the way the
 * service does for its own requests: a downloaded variant wins, otherwise the variant this machine runs best
 * (NPU, then GPU, then CPU; within a device the provider order of {@link ExecutionProvider}; then the highest version).
 * The CLI needs this itself because {@code POST /openai/download} takes a catalog entry, not a name.
 */
public final class ModelResolver {

    /** Best first. */
    public static final Comparator<CatalogModel> PREFERENCE = Comparator
            .comparingInt((CatalogModel m) -> deviceRank(m.runtime().deviceType()))
            .thenComparingInt(m -> m.runtime().executionProvider().ordinal())
            .thenComparing((a, b) -> b.id().compareVersionTo(a.id()));

    private final List<CatalogModel> catalog;
    private final Collection<ModelId> cached;
    private final Set<ExecutionProvider> available;

    /** @param available providers the service can use; empty means "not known", and then none is ruled out */
    public ModelResolver(List<CatalogModel> catalog, Collection<ModelId> cached, Set<ExecutionProvider> available) {
        this.catalog = List.copyOf(catalog);
        this.cached = List.copyOf(cached);
        this.available = Set.copyOf(available);
    }

    /** The variant to use; fails with {@link ModelNotFoundException} when nothing matches. */
    public Resolved resolve(String name) {
        if (ModelId.isFullId(name)) {
            ModelId id = ModelId.parse(name);
            Optional<CatalogModel> entry = catalog.stream().filter(m -> m.id().equals(id)).findFirst();
            if (entry.isEmpty() && !cached.contains(id)) {
                throw new ModelNotFoundException(name);
            }
            return new Resolved(id, entry.orElse(null), cached.contains(id));
        }
        List<CatalogModel> candidates = catalog.stream()
                .filter(m -> matches(m, name))
                .filter(m -> available.isEmpty() || available.contains(m.runtime().executionProvider()))
                .sorted(PREFERENCE)
                .toList();
        Optional<CatalogModel> bestCached = candidates.stream().filter(m -> cached.contains(m.id())).findFirst();
        if (bestCached.isPresent()) {
            return new Resolved(bestCached.get().id(), bestCached.get(), true);
        }
        Optional<ModelId> cachedOnly = cached.stream()
                .filter(id -> id.name().equalsIgnoreCase(name))
                .max(ModelId::compareVersionTo);
        if (cachedOnly.isPresent()) {
            return new Resolved(cachedOnly.get(), null, true);
        }
        if (candidates.isEmpty()) {
            throw new ModelNotFoundException(name);
        }
        return new Resolved(candidates.getFirst().id(), candidates.getFirst(), false);
    }

    /** True when the entry is a variant of what the user named (alias or id without version, any case). */
    public static boolean matches(CatalogModel model, String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return (model.alias() != null && model.alias().toLowerCase(Locale.ROOT).equals(wanted))
                || model.id().name().toLowerCase(Locale.ROOT).equals(wanted)
                || model.id().toString().toLowerCase(Locale.ROOT).equals(wanted);
    }

    public static Set<ExecutionProvider> providers(ServiceInfo info) {
        return info.providers().stream().flatMap(p -> ExecutionProvider.find(p).stream())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    private static int deviceRank(DeviceType device) {
        return switch (device) {
            case NPU -> 0;
            case GPU -> 1;
            case CPU -> 2;
        };
    }

    /**
     * The chosen variant.
     *
     * @param entry  the catalog entry, or null for a model placed in the cache by hand
     * @param cached whether it is downloaded
     */
    public record Resolved(ModelId id, CatalogModel entry, boolean cached) {
    }
}
