package org.jfoundry.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.model.LoadedModel;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.model.ModelState;
import org.jfoundry.ports.out.InferenceEngine;
import org.jfoundry.ports.out.ModelHandle;
import org.jfoundry.ports.out.Scheduler;

/**
 * One model that is loading, loaded or unloading. Every mutable field is guarded by the owning {@link Lifecycle}'s
 * lock; the futures let other threads wait for a transition without holding it.
 */
final class ModelSlot {

    final CachedModel model;
    final String alias;
    final ExecutionProvider provider;
    /** The engine the model is loaded with: the planned one, or its fallback once the planned one failed. */
    InferenceEngine engine;
    final InferenceEngine fallback;
    /** Completes when the load ends: with this slot, or with the load's failure. */
    final CompletableFuture<ModelSlot> loaded = new CompletableFuture<>();
    /** Completes when the handle is closed (or the load failed) and the slot left the table. */
    final CompletableFuture<Void> unloaded = new CompletableFuture<>();

    ModelState state = ModelState.LOADING;
    ModelHandle handle;
    Instant loadedAt;
    Instant lastUsedAt;
    /** Null: never unloads by itself. */
    Duration ttl;
    Instant expiresAt;
    Scheduler.ScheduledTask expiry;
    /** Bumped whenever the timer is cancelled, so a timer that fires late can tell it is stale. */
    long expiryGeneration;
    long estimatedBytes;
    boolean closing;

    /** Admitted and queued requests: they keep the model from expiring or being evicted. */
    final Set<InFlightRequest> requests = new LinkedHashSet<>();
    final ArrayDeque<InFlightRequest> queue = new ArrayDeque<>();
    int running;

    ModelSlot(CachedModel model, String alias, ExecutionProvider provider, InferenceEngine engine,
              InferenceEngine fallback, Duration ttl, Instant now) {
        this.model = model;
        this.alias = alias;
        this.provider = provider;
        this.engine = engine;
        this.fallback = fallback;
        this.ttl = ttl;
        this.lastUsedAt = now;
        this.estimatedBytes = Math.max(0, model.sizeBytes());
    }

    ModelId id() {
        return model.id();
    }

    boolean isIdle() {
        return requests.isEmpty();
    }

    LoadedModel snapshot() {
        return new LoadedModel(id(), alias, provider, engine.name(), loadedAt, lastUsedAt, ttl, expiresAt,
                requests.size(), estimatedBytes);
    }

    String describeUse() {
        String use = state == ModelState.LOADING ? "loading" : requests.size() + " request(s) in flight";
        return id() + " (" + Bytes.describe(estimatedBytes) + ", " + use + ")";
    }
}
