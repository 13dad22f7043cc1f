package org.jfoundry.ports.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jfoundry.ports.failure.EngineFailureException;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.out.InferenceEngine;
import org.jfoundry.ports.out.ModelHandle;
import org.jfoundry.ports.out.ModelLoadSpec;

/**
 * A deterministic {@link InferenceEngine} for tests. Every model "generates" the same scripted chunks (one chunk is
 * one token), embeds text as a unit vector seeded by the text's hash, and counts tokens as whitespace-separated words
 * of the rendered prompt (see {@link FakeModelHandle#render}).
 *
 * <p>Tests can make loads fail, hold loads or generations at a gate they release, slow generation down per token,
 * and read how often each model was loaded and unloaded. Text models generate and do not embed; models whose task
 * contains "embed" embed and do not generate. Thread-safe.
 */
public final class FakeInferenceEngine implements InferenceEngine {

    public static final List<String> DEFAULT_CHUNKS = List.of("Hello", " from", " the", " fake", " engine", ".");
    public static final int DEFAULT_EMBEDDING_DIMENSION = 8;

    private final String name;
    private volatile List<String> chunks = DEFAULT_CHUNKS;
    private volatile int embeddingDimension = DEFAULT_EMBEDDING_DIMENSION;
    private volatile String loadFailure;
    private volatile String unavailableReason;
    private volatile Duration tokenDelay = Duration.ZERO;
    private final Gate loadGate = new Gate();
    private final Gate generationGate = new Gate();
    private volatile int holdGenerationAfterChunks;
    private volatile int concurrentRequestsPerModel = Integer.MAX_VALUE;

    private final Map<ModelId, AtomicInteger> loads = new ConcurrentHashMap<>();
    private final Map<ModelId, AtomicInteger> unloads = new ConcurrentHashMap<>();
    private final List<ModelLoadSpec> loadSpecs = new CopyOnWriteArrayList<>();
    private final List<FakeModelHandle> openHandles = new CopyOnWriteArrayList<>();
    private final AtomicInteger generationsRunning = new AtomicInteger();

    public FakeInferenceEngine() {
        this("fake");
    }

    public FakeInferenceEngine(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailableReason);
    }

    @Override
    public ModelHandle load(ModelLoadSpec spec) {
        loadSpecs.add(spec);
        loads.computeIfAbsent(spec.model().id(), id -> new AtomicInteger()).incrementAndGet();
        if (unavailableReason != null) {
            throw new EngineFailureException("engine '" + name + "' is unavailable: " + unavailableReason);
        }
        loadGate.pass(null);
        String failure = loadFailure;
        if (failure != null) {
            throw new EngineFailureException("fake engine could not load " + spec.model().id() + ": " + failure);
        }
        FakeModelHandle handle = new FakeModelHandle(this, spec);
        openHandles.add(handle);
        return handle;
    }

    // ---- configuration -------------------------------------------------------------------------------------------

    /** The chunks every generation produces, in order; each chunk counts as one completion token. */
    public FakeInferenceEngine scriptedChunks(List<String> newChunks) {
        if (newChunks == null || newChunks.isEmpty() || newChunks.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("scripted chunks must be a non-empty list without nulls");
        }
        chunks = List.copyOf(newChunks);
        return this;
    }

    public FakeInferenceEngine embeddingDimension(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be positive");
        }
        embeddingDimension = dimension;
        return this;
    }

    /** Makes every later load fail with {@link EngineFailureException} carrying the reason; null loads again. */
    public FakeInferenceEngine failLoads(String reason) {
        loadFailure = reason;
        return this;
    }

    /** Reports the engine as unavailable (as a missing native library would); null makes it available. */
    public FakeInferenceEngine unavailable(String reason) {
        unavailableReason = reason;
        return this;
    }

    /** What each loaded model reports as {@link ModelHandle#maxConcurrentRequests()} (a batching engine's slots). */
    public FakeInferenceEngine concurrentRequestsPerModel(int requests) {
        concurrentRequestsPerModel = requests;
        return this;
    }

    int concurrentRequestsPerModel() {
        return concurrentRequestsPerModel;
    }

    /** Waits this long before each token; cancellation still ends generation at once. */
    public FakeInferenceEngine tokenDelay(Duration delay) {
        tokenDelay = Objects.requireNonNull(delay, "delay");
        return this;
    }

    /** Loads wait at a gate until {@link #releaseLoads()}; {@link #awaitLoadsHeld} tells when they arrived. */
    public FakeInferenceEngine holdLoads() {
        loadGate.close();
        return this;
    }

    public FakeInferenceEngine releaseLoads() {
        loadGate.open();
        return this;
    }

    /** Generations stop before their first chunk until {@link #releaseGenerations()}; cancellation still ends them. */
    public FakeInferenceEngine holdGenerations() {
        return holdGenerationsAfter(0);
    }

    /** Generations emit this many chunks, then wait until {@link #releaseGenerations()}. */
    public FakeInferenceEngine holdGenerationsAfter(int chunksFirst) {
        if (chunksFirst < 0) {
            throw new IllegalArgumentException("chunksFirst must not be negative");
        }
        holdGenerationAfterChunks = chunksFirst;
        generationGate.close();
        return this;
    }

    public FakeInferenceEngine releaseGenerations() {
        generationGate.open();
        return this;
    }

    // ---- observation ---------------------------------------------------------------------------------------------

    /** True when at least {@code count} loads wait at the load gate within the timeout. */
    public boolean awaitLoadsHeld(int count, Duration timeout) {
        return loadGate.awaitWaiting(count, timeout);
    }

    /** True when at least {@code count} generations wait at the generation gate within the timeout. */
    public boolean awaitGenerationsHeld(int count, Duration timeout) {
        return generationGate.awaitWaiting(count, timeout);
    }

    public int loadCount(ModelId id) {
        AtomicInteger count = loads.get(id);
        return count == null ? 0 : count.get();
    }

    public int totalLoads() {
        return loads.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public int unloadCount(ModelId id) {
        AtomicInteger count = unloads.get(id);
        return count == null ? 0 : count.get();
    }

    public int totalUnloads() {
        return unloads.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** Every load asked of this engine, failed ones included, in order. */
    public List<ModelLoadSpec> loadSpecs() {
        return List.copyOf(loadSpecs);
    }

    /** Ids of the handles loaded and not yet closed. */
    public List<ModelId> openModels() {
        List<ModelId> ids = new ArrayList<>();
        openHandles.forEach(h -> ids.add(h.id()));
        return ids;
    }

    /** Generations running right now (held ones included). */
    public int generationsRunning() {
        return generationsRunning.get();
    }

    // ---- for the handles -----------------------------------------------------------------------------------------

    List<String> chunks() {
        return chunks;
    }

    int embeddingDimensionValue() {
        return embeddingDimension;
    }

    Duration tokenDelayValue() {
        return tokenDelay;
    }

    int holdAfterChunks() {
        return holdGenerationAfterChunks;
    }

    Gate generationGate() {
        return generationGate;
    }

    AtomicInteger generationsRunningCounter() {
        return generationsRunning;
    }

    void closed(FakeModelHandle handle) {
        openHandles.remove(handle);
        unloads.computeIfAbsent(handle.id(), id -> new AtomicInteger()).incrementAndGet();
    }

    /** A gate tests open and close; waiters can be woken early by a cancellation latch. */
    static final class Gate {
        private volatile CountDownLatch latch = new CountDownLatch(0);
        private final AtomicInteger waiting = new AtomicInteger();

        void close() {
            if (latch.getCount() == 0) {
                latch = new CountDownLatch(1);
            }
        }

        void open() {
            latch.countDown();
        }

        boolean isOpen() {
            return latch.getCount() == 0;
        }

        /**
         * Waits until the gate opens or {@code wakeUp} (may be null) counts down.
         *
         * @return true when the gate opened, false when woken up
         */
        boolean pass(CountDownLatch wakeUp) {
            CountDownLatch current = latch;
            if (current.getCount() == 0) {
                return true;
            }
            synchronized (this) {
                waiting.incrementAndGet();
                notifyAll();
            }
            try {
                while (true) {
                    if (current.await(5, TimeUnit.MILLISECONDS)) {
                        return true;
                    }
                    if (wakeUp != null && wakeUp.getCount() == 0) {
                        return false;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineFailureException("interrupted while held at a test gate", e);
            } finally {
                synchronized (this) {
                    waiting.decrementAndGet();
                    notifyAll();
                }
            }
        }

        synchronized boolean awaitWaiting(int count, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (waiting.get() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }
}
