package org.jfoundry.domain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jfoundry.ports.failure.CancelledException;
import org.jfoundry.ports.failure.EngineFailureException;
import org.jfoundry.ports.failure.FoundryException;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.failure.ModelInUseException;
import org.jfoundry.ports.failure.ServiceBusyException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.model.LoadedModel;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.model.ModelState;
import org.jfoundry.ports.out.Clock;
import org.jfoundry.ports.out.InferenceEngine;
import org.jfoundry.ports.out.ModelHandle;
import org.jfoundry.ports.out.ModelLoadSpec;
import org.jfoundry.ports.out.Scheduler;

/**
 * The loaded models: shared loads, TTL timers, eviction, per-model request admission and unloading. State changes
 * happen under one lock; engine loads and handle closes happen outside it, so a slow load never blocks other models.
 */
final class Lifecycle {
    private static final System.Logger LOG = System.getLogger(Lifecycle.class.getName());

    /** How long an unload waits for cancelled requests to leave before it returns (the close still happens). */
    private static final Duration DRAIN_WAIT = Duration.ofSeconds(30);
    /** Offered to a client whose request found the queue full. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final Clock clock;
    private final Scheduler scheduler;
    private final CapacityPlanner capacity;
    private final int maxConcurrentRequests;
    private final int queueCapacity;
    private final int intraOpThreads;
    private final Map<ModelId, ModelSlot> slots = new LinkedHashMap<>();
    /** Models whose files are being deleted: no request may load them again halfway through. */
    private final Set<ModelId> beingRemoved = new HashSet<>();
    /** The device index CUDA and TensorRT loads get as {@code device_id}. */
    private volatile int gpuDevice;
    private boolean closed;

    Lifecycle(Clock clock, Scheduler scheduler, CapacityPlanner capacity, int maxConcurrentRequests, int queueCapacity,
              int intraOpThreads) {
        this.clock = clock;
        this.scheduler = scheduler;
        this.capacity = capacity;
        this.maxConcurrentRequests = maxConcurrentRequests;
        this.queueCapacity = queueCapacity;
        this.intraOpThreads = intraOpThreads;
    }

    /**
     * What to load, with which engine, and how long it may idle.
     *
     * @param fallback the engine to load with when {@code engine} fails to ({@code engine: auto}); null for none
     */
    record LoadPlan(CachedModel model, String alias, ExecutionProvider provider, InferenceEngine engine,
                    InferenceEngine fallback, Duration ttl) {
    }

    // ---- loading -------------------------------------------------------------------------------------------------

    /**
     * Loads the model, or joins a load in progress, or finds it loaded. With {@code applyTtl} the plan's TTL replaces
     * the loaded model's (an explicit load); without, a loaded model keeps its own (an on-demand load).
     */
    ModelSlot load(LoadPlan plan, boolean applyTtl) {
        while (true) {
            ModelSlot mine;
            List<ModelSlot> victims;
            CompletableFuture<?> waitFor;
            synchronized (this) {
                requireOpen();
                if (beingRemoved.contains(plan.model().id())) {
                    throw new ModelInUseException(
                            "Model " + plan.model().id() + " is being removed from the cache");
                }
                ModelSlot existing = slots.get(plan.model().id());
                if (existing != null) {
                    if (applyTtl) {
                        existing.ttl = plan.ttl();
                    }
                    if (existing.state == ModelState.LOADED) {
                        if (applyTtl) {
                            existing.lastUsedAt = clock.now();
                            restartExpiry(existing);
                        }
                        return existing;
                    }
                    waitFor = existing.state == ModelState.LOADING ? existing.loaded : existing.unloaded;
                    mine = null;
                    victims = List.of();
                } else {
                    victims = capacity.victimsFor(plan.model(), occupying());
                    victims.forEach(this::beginUnload);
                    mine = new ModelSlot(plan.model(), plan.alias(), plan.provider(), plan.engine(), plan.fallback(),
                            plan.ttl(), clock.now());
                    slots.put(plan.model().id(), mine);
                    waitFor = null;
                }
            }
            if (mine == null) {
                // Joining someone else's load shares its outcome, failure included; after an unload, try again.
                await(waitFor, null);
                continue;
            }
            victims.forEach(this::finishUnload);
            return runLoad(mine);
        }
    }

    int gpuDevice() {
        return gpuDevice;
    }

    void selectGpuDevice(int deviceId) {
        if (deviceId < 0) {
            throw new InvalidRequestException("GPU device id must be 0 or more, not " + deviceId, "deviceId");
        }
        gpuDevice = deviceId;
    }

    /** The providers that run on one of several GPUs are told which. */
    private Map<String, String> providerOptions(ExecutionProvider provider) {
        return provider == ExecutionProvider.CUDA || provider == ExecutionProvider.TENSORRT
                ? Map.of("device_id", Integer.toString(gpuDevice)) : Map.of();
    }

    private ModelSlot runLoad(ModelSlot slot) {
        ModelHandle handle;
        InferenceEngine servedBy = slot.engine;
        ModelLoadSpec spec = new ModelLoadSpec(slot.model, slot.provider, providerOptions(slot.provider),
                intraOpThreads);
        try {
            try {
                handle = slot.engine.load(spec);
            } catch (EngineFailureException cannotServe) {
                if (slot.fallback == null) {
                    throw cannotServe;
                }
                LOG.log(System.Logger.Level.WARNING, "engine ''{0}'' cannot serve {1}, so engine auto loads it with"
                        + " ''{2}'': {3}", slot.engine.name(), slot.id(), slot.fallback.name(), cannotServe.getMessage());
                servedBy = slot.fallback;
                handle = servedBy.load(spec);
            }
        } catch (RuntimeException e) {
            RuntimeException failure = e instanceof FoundryException ? e
                    : new EngineFailureException("Could not load " + slot.id() + " with engine '" + slot.engine.name()
                            + "': " + e.getMessage(), e);
            synchronized (this) {
                slots.remove(slot.id(), slot);
            }
            slot.loaded.completeExceptionally(failure);
            slot.unloaded.complete(null);
            throw failure;
        }
        boolean closeAtOnce;
        synchronized (this) {
            slot.engine = servedBy;
            slot.handle = handle;
            slot.loadedAt = clock.now();
            slot.lastUsedAt = slot.loadedAt;
            long reported = handle.estimatedBytes();
            slot.estimatedBytes = reported > 0 ? reported : slot.estimatedBytes;
            closeAtOnce = closed;
            if (!closeAtOnce) {
                slot.state = ModelState.LOADED;
                restartExpiry(slot);
            } else {
                beginUnload(slot);
            }
        }
        if (closeAtOnce) {
            finishUnload(slot);
            slot.loaded.completeExceptionally(new CancelledException("the service is shutting down"));
            throw new CancelledException("the service is shutting down");
        }
        slot.loaded.complete(slot);
        return slot;
    }

    private List<ModelSlot> occupying() {
        return slots.values().stream().filter(s -> s.state != ModelState.UNLOADING).toList();
    }

    // ---- requests ------------------------------------------------------------------------------------------------

    /** A request holding a loaded model; closing it lets the next queued request run and restarts the TTL. */
    final class Lease implements AutoCloseable {
        private final ModelSlot slot;
        private final InFlightRequest request;
        private final Runnable unlinkCaller;
        private boolean released;

        private Lease(ModelSlot slot, InFlightRequest request, Runnable unlinkCaller) {
            this.slot = slot;
            this.request = request;
            this.unlinkCaller = unlinkCaller;
        }

        ModelHandle handle() {
            return slot.handle;
        }

        /** Cancelled by the caller or by a forced unload. */
        CancellationSignal signal() {
            return request.signal;
        }

        ModelId id() {
            return slot.id();
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                unlinkCaller.run();
                release(slot, request, true);
            }
        }
    }

    /**
     * Attaches a request to a loaded model (loading it on demand), waiting in the model's queue when the model is busy.
     *
     * @param limited false for cheap calls (token counting) that skip the concurrency limit but still keep the model
     */
    Lease acquire(LoadPlan plan, CancellationSignal callerCancel, boolean limited) {
        for (int attempt = 1; ; attempt++) {
            callerCancel.throwIfCancelled();
            ModelSlot slot = load(plan, false);
            InFlightRequest request = new InFlightRequest();
            boolean queued;
            synchronized (this) {
                if (slot.state != ModelState.LOADED || slots.get(slot.id()) != slot) {
                    if (attempt >= 3) {
                        throw new CancelledException("model " + slot.id() + " was unloaded while the request started");
                    }
                    continue; // unloaded between the load and now: load it again
                }
                int limit = concurrencyOf(slot);
                if (!limited || slot.running < limit) {
                    slot.running++;
                    request.admitted.complete(null);
                    queued = false;
                } else if (slot.queue.size() < queueCapacity) {
                    slot.queue.add(request);
                    queued = true;
                } else {
                    throw new ServiceBusyException("Model " + slot.id() + " is busy: " + slot.running
                            + " request(s) running and " + slot.queue.size() + " waiting (the limits are "
                            + limit + " and " + queueCapacity + "); retry later.", RETRY_AFTER);
                }
                slot.requests.add(request);
                slot.lastUsedAt = clock.now();
                cancelExpiry(slot);
            }
            Runnable unlinkCaller = callerCancel.onCancel(() -> request.signal.cancel(callerCancel.reason()));
            if (queued) {
                // A queued request that is cancelled (by its caller or a forced unload) leaves the queue at once.
                Runnable unlinkQueue = request.signal.onCancel(() -> leaveQueue(slot, request));
                try {
                    await(request.admitted, request.signal);
                } catch (RuntimeException e) {
                    unlinkCaller.run();
                    leaveQueue(slot, request);
                    throw e;
                } finally {
                    unlinkQueue.run();
                }
            }
            return new Lease(slot, request, unlinkCaller);
        }
    }

    /** The setting, or fewer when the engine serves fewer at once (a batching engine's slots). */
    private int concurrencyOf(ModelSlot slot) {
        return Math.min(maxConcurrentRequests, Math.max(1, slot.handle.maxConcurrentRequests()));
    }

    private void leaveQueue(ModelSlot slot, InFlightRequest request) {
        boolean wasQueued;
        synchronized (this) {
            wasQueued = slot.queue.remove(request);
        }
        if (wasQueued) {
            String why = request.signal.reason();
            request.admitted.completeExceptionally(new CancelledException(why == null ? "request cancelled" : why));
            release(slot, request, false);
        }
    }

    private void release(ModelSlot slot, InFlightRequest request, boolean wasRunning) {
        boolean finishUnload = false;
        synchronized (this) {
            if (!slot.requests.remove(request)) {
                return;
            }
            if (wasRunning) {
                slot.running--;
                // An unloading model admits no one; its queued requests are being cancelled.
                InFlightRequest next = slot.state == ModelState.LOADED && slot.running < concurrencyOf(slot)
                        ? slot.queue.poll() : null;
                if (next != null) {
                    slot.running++;
                    next.admitted.complete(null);
                }
            }
            slot.lastUsedAt = clock.now();
            if (slot.isIdle()) {
                if (slot.state == ModelState.LOADED) {
                    restartExpiry(slot);
                } else if (slot.state == ModelState.UNLOADING && !slot.closing) {
                    slot.closing = true;
                    finishUnload = true;
                }
            }
        }
        if (finishUnload) {
            finishUnload(slot);
        }
    }

    // ---- TTL -----------------------------------------------------------------------------------------------------

    /** Starts the TTL timer when the model is idle and has a TTL; called under the lock. */
    private void restartExpiry(ModelSlot slot) {
        cancelExpiry(slot);
        if (slot.ttl == null || slot.state != ModelState.LOADED || !slot.isIdle()) {
            return;
        }
        long generation = slot.expiryGeneration;
        slot.expiresAt = clock.now().plus(slot.ttl);
        slot.expiry = scheduler.schedule(slot.ttl, () -> expire(slot, generation));
    }

    private void cancelExpiry(ModelSlot slot) {
        slot.expiryGeneration++;
        slot.expiresAt = null;
        if (slot.expiry != null) {
            slot.expiry.cancel();
            slot.expiry = null;
        }
    }

    private void expire(ModelSlot slot, long generation) {
        synchronized (this) {
            // A timer cancelled too late to stop it carries an old generation; a busy model never expires.
            if (generation != slot.expiryGeneration || slot.state != ModelState.LOADED || !slot.isIdle()
                    || slots.get(slot.id()) != slot) {
                return;
            }
            beginUnload(slot);
        }
        finishUnload(slot);
    }

    // ---- unloading -----------------------------------------------------------------------------------------------

    /**
     * Unloads a model. Without force, a model with requests in flight or queued is refused; with force they are
     * cancelled and the handle is closed once they have left (so a native engine never loses memory under a run).
     */
    void unload(ModelSlot slot, boolean force) {
        List<InFlightRequest> toCancel;
        boolean closeNow;
        CompletableFuture<?> waitForLoad = null;
        synchronized (this) {
            if (slot.state == ModelState.LOADING) {
                waitForLoad = slot.loaded;
                toCancel = List.of();
                closeNow = false;
            } else if (slot.state == ModelState.UNLOADING) {
                toCancel = List.of();
                closeNow = false;
            } else {
                if (!force && !slot.isIdle()) {
                    throw new ModelInUseException("Model " + slot.id() + " has " + slot.requests.size()
                            + " request(s) in flight; wait for them or unload with force.");
                }
                toCancel = List.copyOf(slot.requests);
                beginUnload(slot);
                closeNow = slot.isIdle();
                if (!closeNow) {
                    slot.closing = false; // the last request to leave closes it
                }
            }
        }
        if (waitForLoad != null) {
            await(waitForLoad, null);
            unload(slot, force);
            return;
        }
        toCancel.forEach(r -> r.signal.cancel("model " + slot.id() + " was unloaded"));
        if (closeNow) {
            finishUnload(slot);
        }
        awaitQuietly(slot.unloaded, DRAIN_WAIT);
    }

    /** Unloads everything it can; busy models are skipped unless forced. Returns what was unloaded. */
    List<ModelId> unloadAll(boolean force) {
        List<ModelId> unloaded = new ArrayList<>();
        for (ModelSlot slot : snapshotSlots()) {
            try {
                unload(slot, force);
                unloaded.add(slot.id());
            } catch (ModelInUseException busy) {
                // Not forced: a busy model stays, the others still go.
            } catch (RuntimeException failedLoad) {
                // A load that failed while we waited for it left nothing to unload.
            }
        }
        return unloaded;
    }

    /** Marks a slot unloading and stops its timer; called under the lock. */
    private void beginUnload(ModelSlot slot) {
        slot.state = ModelState.UNLOADING;
        slot.closing = true;
        cancelExpiry(slot);
    }

    /** Closes the handle outside the lock and drops the slot. */
    private void finishUnload(ModelSlot slot) {
        try {
            if (slot.handle != null) {
                slot.handle.close();
            }
        } finally {
            synchronized (this) {
                slots.remove(slot.id(), slot);
            }
            slot.unloaded.complete(null);
        }
    }

    /** Forces every model out and refuses new loads. */
    void close() {
        synchronized (this) {
            closed = true;
        }
        unloadAll(true);
    }

    // ---- queries -------------------------------------------------------------------------------------------------

    /**
     * The plan of the one loaded model the name designates (by id, id without version or alias), so that requests for a
     * loaded model skip resolution (a cache scan and a catalog read). Empty when none or several match.
     */
    synchronized Optional<LoadPlan> loadedPlanFor(String aliasOrId, ExecutionProvider provider) {
        List<ModelSlot> matches = slots.values().stream()
                .filter(s -> s.state == ModelState.LOADED)
                .filter(s -> provider == null || s.provider == provider)
                .filter(s -> ModelResolver.matches(aliasOrId, s.id(), s.alias))
                .toList();
        if (matches.size() != 1) {
            return Optional.empty();
        }
        ModelSlot slot = matches.getFirst();
        return Optional.of(new LoadPlan(slot.model, slot.alias, slot.provider, slot.engine, null, slot.ttl));
    }

    /** Refuses loads of the model until {@link #allowLoads} (while its files are deleted). */
    synchronized void refuseLoads(ModelId id) {
        beingRemoved.add(id);
    }

    synchronized void allowLoads(ModelId id) {
        beingRemoved.remove(id);
    }

    synchronized List<ModelSlot> snapshotSlots() {
        return List.copyOf(slots.values());
    }

    synchronized List<LoadedModel> loaded() {
        return slots.values().stream().filter(s -> s.state == ModelState.LOADED)
                .sorted(Comparator.comparing((ModelSlot s) -> s.loadedAt))
                .map(ModelSlot::snapshot).toList();
    }

    synchronized Optional<ModelState> state(ModelId id) {
        return Optional.ofNullable(slots.get(id)).map(s -> s.state);
    }

    synchronized LoadedModel snapshot(ModelSlot slot) {
        return slot.snapshot();
    }

    synchronized int loadedCount() {
        return (int) slots.values().stream().filter(s -> s.state == ModelState.LOADED).count();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the model lifecycle is closed");
        }
    }

    // ---- waiting -------------------------------------------------------------------------------------------------

    /** Waits for a future, rethrowing its failure as it was thrown; a cancelled signal ends the wait at once. */
    static void await(CompletableFuture<?> future, CancellationSignal cancel) {
        try {
            future.get();
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new EngineFailureException(String.valueOf(cause), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (cancel != null) {
                cancel.cancel("interrupted");
            }
            throw new CancelledException("interrupted while waiting");
        }
    }

    private static void awaitQuietly(CompletableFuture<?> future, Duration timeout) {
        try {
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // The unload still completes when the last cancelled request leaves.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
