package org.jfoundry.domain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.failure.ModelInUseException;
import org.jfoundry.ports.failure.ModelNotCachedException;
import org.jfoundry.ports.failure.ModelNotFoundException;
import org.jfoundry.ports.in.FoundryService;
import org.jfoundry.ports.in.ImportModelRequest;
import org.jfoundry.ports.in.ResolvedModel;
import org.jfoundry.ports.in.ServiceStatus;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.ChatCompletionRequest;
import org.jfoundry.ports.inference.Completion;
import org.jfoundry.ports.inference.EmbeddingRequest;
import org.jfoundry.ports.inference.EmbeddingResult;
import org.jfoundry.ports.inference.GenerationParameters;
import org.jfoundry.ports.inference.LoadOptions;
import org.jfoundry.ports.inference.Prompt;
import org.jfoundry.ports.inference.TextCompletionRequest;
import org.jfoundry.ports.inference.Transcription;
import org.jfoundry.ports.inference.TranscriptionRequest;
import org.jfoundry.ports.inference.Timings;
import org.jfoundry.ports.inference.TokenSink;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.CatalogListing;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.model.LoadedModel;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.model.ModelNames;
import org.jfoundry.ports.model.ModelState;
import org.jfoundry.ports.out.CatalogSource;
import org.jfoundry.ports.out.Clock;
import org.jfoundry.ports.out.DownloadListener;
import org.jfoundry.ports.out.HardwareProbe;
import org.jfoundry.ports.out.InferenceEngine;
import org.jfoundry.ports.out.ConversionRequest.WeightPrecision;
import org.jfoundry.ports.out.ModelDownloader;
import org.jfoundry.ports.out.ModelImport;
import org.jfoundry.ports.out.ModelImporter;
import org.jfoundry.ports.out.ModelStore;
import org.jfoundry.ports.out.Scheduler;
import org.jfoundry.ports.settings.ServiceSettings;

/**
 * The service core: every inbound use case over the outbound ports. Models are resolved by the device policy,
 * loaded on demand, shared between concurrent loads, unloaded by TTL, eviction or request, and requests are admitted
 * per model. Thread-safe; {@link #close()} unloads everything.
 */
public final class FoundryCore implements FoundryService, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(FoundryCore.class.getName());

    private final ServiceSettings settings;
    private final ModelStore store;
    private final Clock clock;
    private final ModelResolver resolver;
    private final EngineSelector engines;
    private final Lifecycle lifecycle;
    private final Downloads downloads;
    private final ModelImporter importer;

    private FoundryCore(Builder builder) {
        this.settings = Objects.requireNonNull(builder.settings, "settings");
        this.store = Objects.requireNonNull(builder.store, "store");
        this.clock = Objects.requireNonNull(builder.clock, "clock");
        Scheduler scheduler = Objects.requireNonNull(builder.scheduler, "scheduler");
        HardwareProbe hardware = Objects.requireNonNull(builder.hardware, "hardware");
        this.resolver = new ModelResolver(new Catalog(builder.catalogs), store, hardware);
        this.engines = new EngineSelector(builder.engines, settings);
        this.lifecycle = new Lifecycle(clock, scheduler,
                new CapacityPlanner(settings.maxLoadedModels(), settings.memoryBudgetBytes()),
                settings.maxConcurrentRequestsPerModel(), settings.queueCapacityPerModel(), settings.intraOpThreads());
        this.downloads = new Downloads(Objects.requireNonNull(builder.downloader, "downloader"));
        this.importer = Objects.requireNonNull(builder.importer, "importer");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects the ports; every one is required except catalogs (none: only cached models are known). */
    public static final class Builder {
        private ServiceSettings settings;
        private ModelStore store;
        private ModelDownloader downloader;
        private ModelImporter importer;
        private final List<CatalogSource> catalogs = new ArrayList<>();
        private final List<InferenceEngine> engines = new ArrayList<>();
        private HardwareProbe hardware;
        private Clock clock;
        private Scheduler scheduler;

        private Builder() {
        }

        public Builder settings(ServiceSettings value) {
            settings = value;
            return this;
        }

        public Builder store(ModelStore value) {
            store = value;
            return this;
        }

        public Builder downloader(ModelDownloader value) {
            downloader = value;
            return this;
        }

        public Builder importer(ModelImporter value) {
            importer = value;
            return this;
        }

        /** Catalog sources in precedence order: an id offered by two sources comes from the first. */
        public Builder catalogs(List<? extends CatalogSource> values) {
            catalogs.addAll(values);
            return this;
        }

        public Builder engines(List<? extends InferenceEngine> values) {
            engines.addAll(values);
            return this;
        }

        public Builder hardware(HardwareProbe value) {
            hardware = value;
            return this;
        }

        /** A clock that also schedules, such as {@link SystemClock}. */
        public <T extends Clock & Scheduler> Builder clock(T value) {
            clock = value;
            scheduler = value;
            return this;
        }

        public Builder clock(Clock value, Scheduler schedulerValue) {
            clock = value;
            scheduler = schedulerValue;
            return this;
        }

        public FoundryCore build() {
            return new FoundryCore(this);
        }
    }

    // ---- catalog and cache ---------------------------------------------------------------------------------------

    /**
     * Offline (a source that cannot answer), the downloaded models that no answering source lists are added, so that
     * everything that can be served is listed; the failure is logged and reported with the listing.
     */
    @Override
    public CatalogListing catalogListing() {
        CatalogListing listing = resolver.catalogListing();
        if (listing.complete()) {
            return listing;
        }
        listing.unreachable().forEach(line -> LOG.log(System.Logger.Level.WARNING,
                "catalog source unreachable, listing what can be served: {0}", line));
        List<CatalogModel> models = new ArrayList<>(listing.models());
        for (CachedModel cached : store.scan().models()) {
            if (models.stream().noneMatch(m -> m.id().equals(cached.id()))) {
                models.add(resolver.entryFor(cached, listing.models()));
            }
        }
        return new CatalogListing(models, listing.unreachable());
    }

    @Override
    public CatalogModel resolve(String aliasOrId, ExecutionProvider provider) {
        return resolver.resolveCatalog(aliasOrId, provider);
    }

    @Override
    public ResolvedModel resolveForUse(String aliasOrId, ExecutionProvider provider) {
        ModelResolver.CachedVariant variant;
        try {
            variant = resolver.resolveCached(aliasOrId, provider);
        } catch (ModelNotCachedException notCached) {
            return new ResolvedModel(resolver.resolveCatalog(aliasOrId, provider), false);
        }
        List<CatalogModel> catalog = resolver.catalogOrEmpty();
        CatalogModel entry = catalog.stream().filter(m -> m.id().equals(variant.id())).findFirst()
                .orElseGet(() -> resolver.entryFor(variant.model(), catalog));
        return new ResolvedModel(entry, true);
    }

    @Override
    public CachedModel download(String aliasOrId, DownloadListener listener, CancellationSignal cancel) {
        ModelNames.requireSafe(aliasOrId, "model");
        if (ModelId.isFullId(aliasOrId)) {
            Optional<CachedModel> cached = store.find(ModelId.parse(aliasOrId));
            if (cached.isPresent()) {
                return cached.get();
            }
        }
        return download(resolver.resolveCatalog(aliasOrId, null), listener, cancel);
    }

    @Override
    public CachedModel download(CatalogModel model, DownloadListener listener, CancellationSignal cancel) {
        Objects.requireNonNull(model, "model");
        Optional<CachedModel> cached = store.find(model.id());
        if (cached.isPresent()) {
            return cached.get();
        }
        return downloads.download(model, listener == null ? DownloadListener.IGNORE : listener,
                cancel == null ? new CancellationSignal() : cancel);
    }

    /**
     * Imports through the same shared jobs as downloads, so that the cache cannot be removed from, or written twice,
     * while a variant is being built; the finished folder appears in the cache in one step, so no load sees it early.
     */
    @Override
    public CachedModel importModel(ImportModelRequest request, DownloadListener listener, CancellationSignal cancel) {
        Objects.requireNonNull(request, "request");
        ModelId id = importedId(request.alias(), request.precision());
        if (store.find(id).isPresent()) {
            throw new InvalidRequestException("Model " + id + " is already in the cache; remove it first, or import "
                    + "with another alias", "alias");
        }
        ModelImport job = new ModelImport(request.source(), id, request.alias(), request.precision());
        return downloads.share(id, (progress, signal) -> importer.importModel(job, progress, signal),
                listener == null ? DownloadListener.IGNORE : listener, cancel == null ? new CancellationSignal() : cancel);
    }

    /** The built-in catalog's naming: {@code <alias>-generic-cpu:1}, or {@code <alias>-generic-fp32-cpu:1}. */
    static ModelId importedId(String alias, WeightPrecision precision) {
        return new ModelId(alias + (precision == WeightPrecision.FP32 ? "-generic-fp32-cpu" : "-generic-cpu"), "1");
    }

    /** Cached models, with the catalog's alias filled in where the folder did not record one. */
    @Override
    public List<CachedModel> listCached() {
        List<CatalogModel> catalog = resolver.catalogOrEmpty();
        return store.scan().models().stream().map(m -> {
            ModelResolver.CachedVariant variant = resolver.describe(m, catalog);
            return m.alias() != null || variant.alias() == null ? m
                    : new CachedModel(m.id(), variant.alias(), m.folder(), m.sizeBytes(), m.task(), m.promptTemplate());
        }).toList();
    }

    @Override
    public ModelId removeCached(String aliasOrId, boolean unloadFirst) {
        ModelNames.requireSafe(aliasOrId, "model");
        List<ModelResolver.CachedVariant> matches = resolver.cachedMatches(aliasOrId, resolver.catalogOrEmpty());
        if (matches.isEmpty()) {
            throw new ModelNotFoundException(aliasOrId, "Model '" + aliasOrId + "' is not in the cache");
        }
        if (matches.size() > 1) {
            throw ModelResolver.ambiguous(aliasOrId, matches);
        }
        ModelId id = matches.getFirst().id();
        if (downloads.isRunning(id)) {
            throw new ModelInUseException("Model " + id + " is being downloaded; remove it when the download ends.");
        }
        // From here on no request may load it again, or it could be loaded from files that are being deleted.
        lifecycle.refuseLoads(id);
        try {
            Optional<ModelSlot> loaded = lifecycle.snapshotSlots().stream().filter(s -> s.id().equals(id)).findFirst();
            if (loaded.isPresent()) {
                if (!unloadFirst) {
                    throw new ModelInUseException("Model " + id + " is loaded; unload it first (or ask to unload first).");
                }
                lifecycle.unload(loaded.get(), false);
            }
            if (!store.remove(id)) {
                throw new ModelNotFoundException(aliasOrId, "Model '" + aliasOrId + "' is not in the cache");
            }
            return id;
        } finally {
            lifecycle.allowLoads(id);
        }
    }

    /** Where a model stands in its lifecycle. */
    public ModelState state(ModelId id) {
        Optional<ModelState> inMemory = lifecycle.state(id);
        if (inMemory.isPresent()) {
            return inMemory.get();
        }
        if (downloads.isRunning(id)) {
            return ModelState.DOWNLOADING;
        }
        return store.find(id).isPresent() ? ModelState.CACHED : ModelState.NOT_CACHED;
    }

    // ---- loading -------------------------------------------------------------------------------------------------

    @Override
    public LoadedModel load(String aliasOrId, LoadOptions options) {
        LoadOptions how = options == null ? LoadOptions.DEFAULT : options;
        ModelSlot slot = lifecycle.load(plan(aliasOrId, how), true);
        return lifecycle.snapshot(slot);
    }

    @Override
    public ModelId unload(String aliasOrId, boolean force) {
        ModelNames.requireSafe(aliasOrId, "model");
        List<CatalogModel> catalog = resolver.catalogOrEmpty();
        List<ModelSlot> matches = lifecycle.snapshotSlots().stream()
                .filter(s -> s.state != ModelState.UNLOADING)
                .filter(s -> ModelResolver.matches(aliasOrId, s.id(), aliasOf(s, catalog)))
                .toList();
        if (matches.isEmpty()) {
            throw new ModelNotFoundException(aliasOrId, "Model '" + aliasOrId + "' is not loaded");
        }
        if (matches.size() > 1) {
            throw new InvalidRequestException("'" + aliasOrId + "' names several loaded models: "
                    + matches.stream().map(s -> s.id().toString()).toList() + "; name one by its id", "model");
        }
        lifecycle.unload(matches.getFirst(), force);
        return matches.getFirst().id();
    }

    @Override
    public List<ModelId> unloadAll(boolean force) {
        return lifecycle.unloadAll(force);
    }

    @Override
    public List<LoadedModel> listLoaded() {
        return lifecycle.loaded();
    }

    private static String aliasOf(ModelSlot slot, List<CatalogModel> catalog) {
        if (slot.alias != null) {
            return slot.alias;
        }
        // Optional.map, not Stream.map: an entry without an alias must not become a null stream element.
        return catalog.stream().filter(c -> c.id().equals(slot.id())).findFirst().map(CatalogModel::alias).orElse(null);
    }

    /** For a request: the loaded model the name designates, else a fresh resolution. */
    private Lifecycle.LoadPlan requestPlan(String aliasOrId, LoadOptions options) {
        return lifecycle.loadedPlanFor(aliasOrId, options.provider()).orElseGet(() -> plan(aliasOrId, options));
    }

    /** Resolves a cached variant and decides how to load it. */
    private Lifecycle.LoadPlan plan(String aliasOrId, LoadOptions options) {
        ModelResolver.CachedVariant variant = resolver.resolveCached(aliasOrId, options.provider());
        ExecutionProvider provider = options.provider() != null ? options.provider()
                : variant.runtime().executionProvider();
        Duration ttl = options.ttl() != null ? options.ttl() : settings.defaultTtl();
        EngineSelector.Selection engine = engines.select(variant.model(), variant.alias());
        return new Lifecycle.LoadPlan(variant.model(), variant.alias(), provider, engine.engine(), engine.fallback(),
                ttl.isZero() ? null : ttl);
    }

    // ---- inference -----------------------------------------------------------------------------------------------

    @Override
    public Completion completeChat(ChatCompletionRequest request, CancellationSignal cancel) {
        return streamChatCompletion(request, TokenSink.DISCARD, cancel);
    }

    @Override
    public Completion streamChatCompletion(ChatCompletionRequest request, TokenSink sink, CancellationSignal cancel) {
        return generate(request.model(), request.loadOptions(), request.prompt(), request.parameters(), sink, cancel);
    }

    @Override
    public Completion completeText(TextCompletionRequest request, TokenSink sink, CancellationSignal cancel) {
        return generate(request.model(), request.loadOptions(), new Prompt.Text(request.prompt()), request.parameters(),
                sink, cancel);
    }

    private Completion generate(String model, LoadOptions options, Prompt prompt, GenerationParameters parameters,
                                TokenSink sink, CancellationSignal cancel) {
        long start = clock.nanoTime();
        AtomicLong firstChunkAt = new AtomicLong(Long.MIN_VALUE);
        TokenSink timed = chunk -> {
            firstChunkAt.compareAndSet(Long.MIN_VALUE, clock.nanoTime());
            sink.accept(chunk);
        };
        CancellationSignal caller = cancel == null ? new CancellationSignal() : cancel;
        try (Lifecycle.Lease lease = lifecycle.acquire(requestPlan(model, options), caller, true)) {
            Completion done = EngineThreads.run(() -> lease.handle().generate(prompt, parameters, timed, lease.signal()));
            // The one measure of the time to first token: it counts queueing and loading, as a client waiting for it
            // sees them; the engine reports only its decode speed.
            long end = clock.nanoTime();
            long first = firstChunkAt.get() == Long.MIN_VALUE ? end : firstChunkAt.get();
            Timings timings = new Timings(Duration.ofNanos(first - start), Duration.ofNanos(end - start),
                    done.timings().tokensPerSecond());
            return new Completion(done.model(), done.text(), done.finishReason(), done.usage(), timings);
        }
    }

    @Override
    public EmbeddingResult createEmbeddings(EmbeddingRequest request, CancellationSignal cancel) {
        CancellationSignal caller = cancel == null ? new CancellationSignal() : cancel;
        Lifecycle.LoadPlan plan = requestPlan(request.model(), request.loadOptions());
        try (Lifecycle.Lease lease = lifecycle.acquire(plan, caller, true)) {
            if (!lease.handle().canEmbed()) {
                throw new InvalidRequestException("Model " + lease.id() + " does not produce embeddings; use an "
                        + "embedding model", "model");
            }
            return EngineThreads.run(() -> lease.handle().embed(request.inputs(), lease.signal()));
        }
    }

    @Override
    public Transcription transcribe(TranscriptionRequest request, CancellationSignal cancel) {
        CancellationSignal caller = cancel == null ? new CancellationSignal() : cancel;
        Lifecycle.LoadPlan plan = requestPlan(request.model(), request.loadOptions());
        try (Lifecycle.Lease lease = lifecycle.acquire(plan, caller, true)) {
            if (!lease.handle().canTranscribe()) {
                throw new InvalidRequestException("Model " + lease.id() + " does not transcribe audio; use a speech "
                        + "recognition model such as whisper-tiny-en", "model");
            }
            return lease.handle().transcribe(request, lease.signal());
        }
    }

    @Override
    public int countTokens(String aliasOrId, Prompt prompt) {
        ModelNames.requireSafe(aliasOrId, "model");
        Objects.requireNonNull(prompt, "prompt");
        try (Lifecycle.Lease lease = lifecycle.acquire(requestPlan(aliasOrId, LoadOptions.DEFAULT), new CancellationSignal(),
                false)) {
            return lease.handle().countTokens(prompt);
        }
    }

    // ---- status --------------------------------------------------------------------------------------------------

    @Override
    public ServiceStatus serviceStatus() {
        Set<ExecutionProvider> providers = resolver.availableProviders();
        return new ServiceStatus(store.cacheDirectory(), providers, lifecycle.loadedCount(), engines.describe());
    }

    @Override
    public int gpuDevice() {
        return lifecycle.gpuDevice();
    }

    @Override
    public void selectGpuDevice(int deviceId) {
        lifecycle.selectGpuDevice(deviceId);
    }

    /** Unloads every model, cancelling what runs; later loads are refused. */
    @Override
    public void close() {
        lifecycle.close();
    }
}
