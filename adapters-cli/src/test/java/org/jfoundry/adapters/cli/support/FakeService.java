package org.jfoundry.adapters.cli.support;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleConsumer;
import org.jfoundry.adapters.cli.ServiceControl;
import org.jfoundry.adapters.cli.ServiceEndpoint;
import org.jfoundry.adapters.cli.client.ChatReply;
import org.jfoundry.adapters.cli.client.ServiceClient;
import org.jfoundry.adapters.cli.client.ServiceError;
import org.jfoundry.adapters.cli.client.ServiceInfo;
import org.jfoundry.domain.FoundryCore;
import org.jfoundry.ports.failure.FoundryException;
import org.jfoundry.ports.failure.ModelInUseException;
import org.jfoundry.ports.failure.ModelNotFoundException;
import org.jfoundry.ports.in.ResolvedModel;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.ChatMessage;
import org.jfoundry.ports.inference.Timings;
import org.jfoundry.ports.inference.TokenSink;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.CatalogListing;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.settings.ServiceSettings;
import org.jfoundry.ports.testing.FakeCatalogSource;
import org.jfoundry.ports.testing.FakeHardwareProbe;
import org.jfoundry.ports.testing.FakeInferenceEngine;
import org.jfoundry.ports.testing.FakeModelDownloader;
import org.jfoundry.ports.testing.FakeModelStore;
import org.jfoundry.ports.testing.ManualClock;

/** An in-memory service: the process control and the REST client in one, recording what commands asked. */
public final class FakeService implements ServiceControl, ServiceClient {
    public static final ServiceEndpoint ENDPOINT = new ServiceEndpoint(4242, URI.create("http://127.0.0.1:5272"));
    private static final Path CACHE = Path.of("/fake-home/cache/models");

    public boolean running;
    /** The FOUNDRY_CATALOG the running service started with; null: unknown. */
    public String startedWithCatalogVariable;
    public int starts;
    public final List<StartOptions> startOptions = new ArrayList<>();
    public int stops;
    public final List<CatalogModel> catalog = new ArrayList<>();
    /** Catalog sources the service reports as unreachable with its list. */
    public final List<String> unreachableCatalogSources = new ArrayList<>();
    public final Set<ModelId> cached = new LinkedHashSet<>();
    public final Map<ModelId, Duration> loaded = new LinkedHashMap<>();
    public final List<String> calls = new CopyOnWriteArrayList<>();
    public final List<List<ChatMessage>> conversations = new CopyOnWriteArrayList<>();
    public List<String> chunks = List.of("Hello", " there", "!");
    public List<Double> downloadPercents = List.of(10.0, 55.5, 100.0);
    /** The cache as this machine's disk holds it (what {@code cache list} reads); null: only {@link #cached}. */
    public InMemoryModelStore disk;
    /** Aliases the service knows for cached models (as inference_model.json records them). */
    public final java.util.Map<String, ModelId> cachedAliases = new java.util.HashMap<>();
    /** When set, imports are refused with this message, as the service refuses a file it cannot convert. */
    public String importFailure;
    public Set<ExecutionProvider> providers = Set.of(ExecutionProvider.CPU);
    /** Runs after this many chunks of a chat (for example a simulated Ctrl+C); -1: never. */
    public int actAfterChunks = -1;
    public Runnable action = () -> { };
    public String chatFailure;
    /** Each transcription asked for, as {@code model format file-name}. */
    public final List<String> transcriptions = new CopyOnWriteArrayList<>();

    // ---- ServiceControl ------------------------------------------------------------------------------------------

    @Override
    public Optional<String> catalogVariableOf(ServiceEndpoint endpoint) {
        return Optional.ofNullable(startedWithCatalogVariable);
    }

    @Override
    public Optional<ServiceEndpoint> running() {
        return running ? Optional.of(ENDPOINT) : Optional.empty();
    }

    @Override
    public StartOutcome start(StartOptions options) {
        startOptions.add(options);
        if (running) {
            return new StartOutcome(ENDPOINT, true);
        }
        running = true;
        starts++;
        return new StartOutcome(ENDPOINT, false);
    }

    @Override
    public Optional<ServiceEndpoint> stop() {
        if (!running) {
            return Optional.empty();
        }
        running = false;
        stops++;
        loaded.clear();
        return Optional.of(ENDPOINT);
    }

    @Override
    public ServiceClient connect(ServiceEndpoint endpoint) {
        return this;
    }

    // ---- ServiceClient -------------------------------------------------------------------------------------------

    @Override
    public URI baseUrl() {
        return ENDPOINT.url();
    }

    @Override
    public CatalogListing catalogListing() {
        requireRunning();
        return new CatalogListing(catalog, unreachableCatalogSources);
    }

    @Override
    public List<ModelId> cachedModels() {
        requireRunning();
        return List.copyOf(cached);
    }

    @Override
    public List<ModelId> loadedModels() {
        requireRunning();
        return List.copyOf(loaded.keySet());
    }

    /** Resolved by the real core (the domain's) over this fake's catalog, cache and providers, as the service does. */
    @Override
    public ResolvedModel resolve(String name, ExecutionProvider provider) {
        requireRunning();
        return withCore(core -> core.resolveForUse(name, provider));
    }

    /**
     * The real core finds the one cached model the name designates (or refuses, as the service does); a model this
     * fake has loaded is refused with the service's 409 unless {@code unloadFirst}.
     */
    @Override
    public ModelId removeCached(String name, boolean unloadFirst) {
        requireRunning();
        calls.add("remove " + name + " unload=" + unloadFirst);
        ModelId id = withCore(core -> core.removeCached(name, true));
        if (loaded.containsKey(id) && !unloadFirst) {
            throw new ServiceError(409, "Model " + id + " is loaded; unload it first (or ask to unload first).");
        }
        loaded.remove(id);
        cached.remove(id);
        if (disk != null) {
            disk.remove(id);
        }
        return id;
    }

    /** Runs the call on a core built over what this fake holds, turning its failures into what the REST client sees. */
    private <T> T withCore(java.util.function.Function<FoundryCore, T> call) {
        FakeModelStore store = new FakeModelStore(CACHE);
        cached.forEach(id -> store.add(cachedModel(id)));
        if (disk != null) {
            disk.scan().models().stream().filter(m -> !cached.contains(m.id())).forEach(store::add);
        }
        FakeCatalogSource source = new FakeCatalogSource("fake", catalog);
        if (!unreachableCatalogSources.isEmpty()) {
            source.failWith(new IllegalStateException(String.join("; ", unreachableCatalogSources)));
        }
        FakeModelDownloader downloader = new FakeModelDownloader(store);
        try (FoundryCore core = FoundryCore.builder().settings(ServiceSettings.defaults(Path.of("/fake-home")))
                .store(store).downloader(downloader).importer(downloader).catalogs(List.of(source)).engines(List.of(new FakeInferenceEngine()))
                .hardware(FakeHardwareProbe.with(providers.toArray(ExecutionProvider[]::new)))
                .clock(new ManualClock()).build()) {
            return call.apply(core);
        } catch (ModelNotFoundException e) {
            throw new ServiceError(404, e.getMessage());
        } catch (ModelInUseException e) {
            throw new ServiceError(409, e.getMessage());
        } catch (FoundryException e) {
            throw new ServiceError(400, e.getMessage());
        }
    }

    private CachedModel cachedModel(ModelId id) {
        String alias = cachedAliases.entrySet().stream().filter(e -> e.getValue().equals(id)).map(Map.Entry::getKey)
                .findFirst().orElse(null);
        String task = catalog.stream().filter(m -> m.id().equals(id)).map(CatalogModel::task).findFirst()
                .orElse("chat-completion");
        return new CachedModel(id, alias, CACHE.resolve(id.name()), 1234, task, null);
    }

    @Override
    public ServiceInfo status() {
        requireRunning();
        return new ServiceInfo(List.of(ENDPOINT.urlWithoutSlash()), "/cache",
                providers.stream().map(ExecutionProvider::ortName).toList());
    }

    @Override
    public void load(String name, Duration ttl, ExecutionProvider provider) {
        requireRunning();
        calls.add("load " + name + " ttl=" + (ttl == null ? "default" : ttl.toSeconds()) + " ep=" + provider);
        ModelId id = ModelId.parse(name);
        if (!cached.contains(id)) {
            throw new ServiceError(400, "No OpenAIService provider found for modelName:" + name);
        }
        loaded.put(id, ttl);
    }

    @Override
    public void unload(String name, boolean force) {
        requireRunning();
        calls.add("unload " + name + " force=" + force);
        loaded.remove(ModelId.parse(name));
    }

    @Override
    public void download(CatalogModel model, DoubleConsumer percentDone) {
        requireRunning();
        calls.add("download " + model.id());
        downloadPercents.forEach(percentDone::accept);
        cached.add(model.id());
    }

    /** Imports of files that exist succeed as {@code <stem>-generic-cpu:1}; others fail as the service says. */
    @Override
    public ModelId importModel(java.nio.file.Path file, String alias, String precision, DoubleConsumer percentDone) {
        requireRunning();
        calls.add("import " + file + " alias=" + alias + " precision=" + precision);
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new ServiceError(400, "cannot read " + file + ": no such file");
        }
        if (importFailure != null) {
            throw new ServiceError(400, importFailure);
        }
        downloadPercents.forEach(percentDone::accept);
        String name = alias != null ? alias : file.getFileName().toString().replaceFirst("\\.gguf$", "").toLowerCase();
        ModelId id = new ModelId(name + ("fp32".equals(precision) ? "-generic-fp32-cpu" : "-generic-cpu"), "1");
        cached.add(id);
        cachedAliases.put(name, id);
        return id;
    }

    @Override
    public ChatReply chat(String model, List<ChatMessage> messages, TokenSink sink, CancellationSignal cancel) {
        requireRunning();
        conversations.add(List.copyOf(messages));
        if (chatFailure != null) {
            throw new ServiceError(500, chatFailure);
        }
        StringBuilder text = new StringBuilder();
        int sent = 0;
        for (String chunk : chunks) {
            if (cancel.isCancelled()) {
                break;
            }
            sink.accept(chunk);
            text.append(chunk);
            sent++;
            if (sent == actAfterChunks) {
                action.run();
            }
        }
        boolean cancelled = cancel.isCancelled();
        return new ChatReply(text.toString(), sent,
                cancelled ? null : new Timings(Duration.ofMillis(20), Duration.ofMillis(120), 20.0),
                cancelled ? null : "stop", cancelled);
    }

    @Override
    public String transcribe(String model, java.nio.file.Path audio, String responseFormat, String language) {
        requireRunning();
        transcriptions.add(model + " " + responseFormat + " " + audio.getFileName());
        if (!loaded.containsKey(ModelId.parse(model))) {
            throw new ServiceError(400, "model " + model + " is not loaded");
        }
        return responseFormat.equals("srt") ? "1\n00:00:00,000 --> 00:00:01,000\nHello.\n\n" : "Hello.\n";
    }

    private void requireRunning() {
        if (!running) {
            throw new IllegalStateException("a command talked to the fake service without starting it");
        }
    }
}
