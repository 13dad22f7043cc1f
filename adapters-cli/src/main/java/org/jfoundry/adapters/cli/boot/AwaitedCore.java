package org.jfoundry.adapters.cli.boot;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jfoundry.ports.failure.CancelledException;
import org.jfoundry.ports.failure.EngineFailureException;
import org.jfoundry.ports.failure.ServiceBusyException;
import org.jfoundry.ports.in.ImportModelRequest;
import org.jfoundry.ports.in.FoundryService;
import org.jfoundry.ports.in.ResolvedModel;
import org.jfoundry.ports.in.ServiceStatus;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.ChatCompletionRequest;
import org.jfoundry.ports.inference.Completion;
import org.jfoundry.ports.inference.EmbeddingRequest;
import org.jfoundry.ports.inference.EmbeddingResult;
import org.jfoundry.ports.inference.LoadOptions;
import org.jfoundry.ports.inference.Prompt;
import org.jfoundry.ports.inference.TextCompletionRequest;
import org.jfoundry.ports.inference.TokenSink;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.CatalogListing;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.model.LoadedModel;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.out.DownloadListener;

/**
 * The core as the REST server sees it while the engines are still starting in the background: every use case waits
 * (at most {@code patience}) for the core and then runs on it, so a request that arrives during start-up is answered
 * late but right. A start-up that takes longer answers 503 with a retry hint; one that failed answers with why.
 */
final class AwaitedCore implements FoundryService {
    private final CompletableFuture<? extends FoundryService> core;
    private final Duration patience;

    AwaitedCore(CompletableFuture<? extends FoundryService> core, Duration patience) {
        this.core = core;
        this.patience = patience;
    }

    private FoundryService core() {
        try {
            return core.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillStarting) {
            throw new ServiceBusyException("The service is still starting (engines not ready after "
                    + patience.toSeconds() + " s); retry shortly.", Duration.ofSeconds(1));
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            throw new EngineFailureException("The service could not start: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException("interrupted while waiting for the service to start");
        }
    }

    @Override
    public CatalogListing catalogListing() {
        return core().catalogListing();
    }

    @Override
    public CatalogModel resolve(String aliasOrId, ExecutionProvider provider) {
        return core().resolve(aliasOrId, provider);
    }

    @Override
    public ResolvedModel resolveForUse(String aliasOrId, ExecutionProvider provider) {
        return core().resolveForUse(aliasOrId, provider);
    }

    @Override
    public CachedModel download(String aliasOrId, DownloadListener listener, CancellationSignal cancel) {
        return core().download(aliasOrId, listener, cancel);
    }

    @Override
    public CachedModel download(CatalogModel model, DownloadListener listener, CancellationSignal cancel) {
        return core().download(model, listener, cancel);
    }

    @Override
    public CachedModel importModel(ImportModelRequest request, DownloadListener listener, CancellationSignal cancel) {
        return core().importModel(request, listener, cancel);
    }

    @Override
    public List<CachedModel> listCached() {
        return core().listCached();
    }

    @Override
    public ModelId removeCached(String aliasOrId, boolean unloadFirst) {
        return core().removeCached(aliasOrId, unloadFirst);
    }

    @Override
    public LoadedModel load(String aliasOrId, LoadOptions options) {
        return core().load(aliasOrId, options);
    }

    @Override
    public ModelId unload(String aliasOrId, boolean force) {
        return core().unload(aliasOrId, force);
    }

    @Override
    public List<ModelId> unloadAll(boolean force) {
        return core().unloadAll(force);
    }

    @Override
    public List<LoadedModel> listLoaded() {
        return core().listLoaded();
    }

    @Override
    public Completion completeChat(ChatCompletionRequest request, CancellationSignal cancel) {
        return core().completeChat(request, cancel);
    }

    @Override
    public Completion streamChatCompletion(ChatCompletionRequest request, TokenSink sink, CancellationSignal cancel) {
        return core().streamChatCompletion(request, sink, cancel);
    }

    @Override
    public Completion completeText(TextCompletionRequest request, TokenSink sink, CancellationSignal cancel) {
        return core().completeText(request, sink, cancel);
    }

    @Override
    public EmbeddingResult createEmbeddings(EmbeddingRequest request, CancellationSignal cancel) {
        return core().createEmbeddings(request, cancel);
    }

    @Override
    public int gpuDevice() {
        return core().gpuDevice();
    }

    @Override
    public void selectGpuDevice(int deviceId) {
        core().selectGpuDevice(deviceId);
    }

    @Override
    public org.jfoundry.ports.inference.Transcription transcribe(
            org.jfoundry.ports.inference.TranscriptionRequest request, CancellationSignal cancel) {
        return core().transcribe(request, cancel);
    }

    @Override
    public int countTokens(String aliasOrId, Prompt prompt) {
        return core().countTokens(aliasOrId, prompt);
    }

    @Override
    public ServiceStatus serviceStatus() {
        return core().serviceStatus();
    }
}
