package org.jfoundry.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jfoundry.ports.failure.CancelledException;
import org.jfoundry.ports.failure.EngineFailureException;
import org.jfoundry.ports.failure.ModelInUseException;
import org.jfoundry.ports.failure.ModelNotFoundException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.Completion;
import org.jfoundry.ports.inference.LoadOptions;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.LoadedModel;
import org.jfoundry.ports.model.ModelRuntime;
import org.jfoundry.ports.model.ModelState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoadAndUnloadTest {

    private final CoreFixture fixture = new CoreFixture();
    private final CachedModel phi = fixture.store.add("phi-generic-cpu:1", "phi", "chat-completion", 1000);

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void concurrentLoadsOfOneModelShareASingleEngineLoad() throws Exception {
        fixture.engine.holdLoads();
        List<CompletableFuture<LoadedModel>> loads = new ArrayList<>();
        List<Thread> callers = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 8; i++) {
            String name = i % 2 == 0 ? "phi" : "phi-generic-cpu:1";
            loads.add(fixture.async(() -> {
                callers.add(Thread.currentThread());
                return fixture.core().load(name, LoadOptions.DEFAULT);
            }));
        }
        assertThat(fixture.engine.awaitLoadsHeld(1, CoreFixture.WAIT)).isTrue();
        assertThat(fixture.core().state(phi.id())).isEqualTo(ModelState.LOADING);
        awaitAllBlocked(callers, 8);

        fixture.engine.releaseLoads();
        for (CompletableFuture<LoadedModel> load : loads) {
            assertThat(load.get(30, TimeUnit.SECONDS).id()).isEqualTo(phi.id());
        }
        assertThat(fixture.engine.loadCount(phi.id())).isEqualTo(1);
        assertThat(fixture.core().state(phi.id())).isEqualTo(ModelState.LOADED);
    }

    /** Waits until every caller thread is parked (in the engine or waiting for the shared load). */
    private static void awaitAllBlocked(List<Thread> callers, int count) throws InterruptedException {
        long deadline = System.nanoTime() + CoreFixture.WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (callers.size() == count && callers.stream().allMatch(t ->
                    t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING)) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("callers did not all block on the load");
    }

    @Test
    void aFailedLoadLeavesTheModelCachedAndReportsTheCause() {
        fixture.engine.failLoads("model.onnx is truncated");

        assertThatThrownBy(() -> fixture.core().load("phi", LoadOptions.DEFAULT))
                .isInstanceOf(EngineFailureException.class)
                .hasMessageContaining("model.onnx is truncated");
        assertThat(fixture.core().state(phi.id())).isEqualTo(ModelState.CACHED);
        assertThat(fixture.core().listCached()).extracting(CachedModel::id).containsExactly(phi.id());
        assertThat(fixture.core().listLoaded()).isEmpty();

        fixture.engine.failLoads(null);
        assertThat(fixture.core().load("phi", LoadOptions.DEFAULT).id()).isEqualTo(phi.id());
    }

    @Test
    void everyCallerJoiningAFailedLoadGetsItsCause() throws Exception {
        fixture.engine.failLoads("out of memory").holdLoads();
        CompletableFuture<LoadedModel> first = fixture.async(() -> fixture.core().load("phi", LoadOptions.DEFAULT));
        assertThat(fixture.engine.awaitLoadsHeld(1, CoreFixture.WAIT)).isTrue();
        CompletableFuture<Completion> second = fixture.async(() ->
                fixture.core().completeChat(CoreFixture.chat("phi"), new CancellationSignal()));

        fixture.engine.releaseLoads();
        for (CompletableFuture<?> call : List.of(first, second)) {
            assertThatThrownBy(() -> call.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(EngineFailureException.class).hasMessageContaining("out of memory");
        }
        assertThat(fixture.core().state(phi.id())).isEqualTo(ModelState.CACHED);
    }

    @Test
    void aRequestForACachedModelLoadsItOnDemand() {
        Completion done = fixture.core().completeChat(CoreFixture.chat("phi"), new CancellationSignal());

        assertThat(done.text()).isEqualTo("Hello from the fake engine.");
        assertThat(done.model()).isEqualTo(phi.id());
        assertThat(fixture.core().state(phi.id())).isEqualTo(ModelState.LOADED);
        assertThat(fixture.engine.loadCount(phi.id())).isEqualTo(1);
    }

    @Test
    void aForcedUnloadCancelsAnInFlightStreamWhichEndsWithCancelled() throws Exception {
        fixture.engine.holdGenerationsAfter(2);
        List<String> streamed = new CopyOnWriteArrayList<>();
        CompletableFuture<Completion> stream = fixture.async(() -> fixture.core()
                .streamChatCompletion(CoreFixture.chat("phi"), streamed::add, new CancellationSignal()));
        assertThat(fixture.engine.awaitGenerationsHeld(1, CoreFixture.WAIT)).isTrue();

        assertThat(fixture.core().unload("phi", true)).isEqualTo(phi.id());

        assertThatThrownBy(() -> stream.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(CancelledException.class).hasMessageContaining("unloaded");
        assertThat(streamed).containsExactly("Hello", " from");
        assertThat(fixture.engine.unloadCount(phi.id())).isEqualTo(1);
        assertThat(fixture.core().state(phi.id())).isEqualTo(ModelState.CACHED);
    }

    @Test
    void anUnloadWithoutForceIsRefusedWhileARequestRuns() throws Exception {
        CompletableFuture<Completion> running = fixture.startHeldChat("phi");

        assertThatThrownBy(() -> fixture.core().unload("phi", false)).isInstanceOf(ModelInUseException.class)
                .hasMessageContaining("1 request(s) in flight");
        assertThat(fixture.core().unloadAll(false)).isEmpty();

        fixture.engine.releaseGenerations();
        assertThat(running.get(30, TimeUnit.SECONDS).text()).isNotEmpty();
        assertThat(fixture.core().unload("phi", false)).isEqualTo(phi.id());
    }

    @Test
    void aForcedUnloadByIdWorksWhenTheModelsCatalogEntryHasNoAlias() {
        CachedModel bare = fixture.store.add("bare-generic-cpu:1", null, "chat-completion", 1000);
        fixture.catalog.add(CatalogModel.of(bare.id(), null, "file:///models/bare", ModelRuntime.CPU, "chat-completion"));
        fixture.core().load(bare.id().toString(), LoadOptions.DEFAULT);
        fixture.core().load("phi", LoadOptions.DEFAULT);

        assertThat(fixture.core().unload(bare.id().toString(), true)).isEqualTo(bare.id());
        assertThat(fixture.core().unload("phi", true)).isEqualTo(phi.id());
    }

    @Test
    void unloadingAModelThatIsNotLoadedIsNotFound() {
        assertThatThrownBy(() -> fixture.core().unload("phi", false)).isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("not loaded");
    }

    @Test
    void unloadAllUnloadsEveryIdleModel() {
        CachedModel other = fixture.store.add("other-generic-cpu:2", 10);
        fixture.core().load("phi", LoadOptions.DEFAULT);
        fixture.core().load("other-generic-cpu", LoadOptions.DEFAULT);

        assertThat(fixture.core().unloadAll(false)).containsExactlyInAnyOrder(phi.id(), other.id());
        assertThat(fixture.engine.openModels()).isEmpty();
        assertThat(fixture.clock.pendingTasks()).isZero();
    }

    @Test
    void anUnloadedModelIsLoadedAgainByTheNextRequest() {
        fixture.core().load("phi", LoadOptions.DEFAULT);
        fixture.core().unload("phi-generic-cpu:1", false);

        fixture.core().completeChat(CoreFixture.chat("phi"), new CancellationSignal());

        assertThat(fixture.engine.loadCount(phi.id())).isEqualTo(2);
    }

    @Test
    void closingTheCoreUnloadsEverythingAndCancelsWhatRuns() throws Exception {
        CompletableFuture<Completion> running = fixture.startHeldChat("phi");

        fixture.core().close();

        assertThatThrownBy(() -> running.get(30, TimeUnit.SECONDS)).cause().isInstanceOf(CancelledException.class);
        assertThat(fixture.engine.openModels()).isEmpty();
    }

    @Test
    void requestsForALoadedModelSkipTheCatalog() {
        fixture.core().load("phi", LoadOptions.DEFAULT);
        int catalogReads = fixture.catalog.callCount();

        for (int i = 0; i < 3; i++) {
            fixture.core().completeChat(CoreFixture.chat(i == 0 ? "phi" : "phi-generic-cpu:1"), new CancellationSignal());
        }

        assertThat(fixture.catalog.callCount()).isEqualTo(catalogReads);
        assertThat(fixture.engine.loadCount(phi.id())).isEqualTo(1);
    }

    @Test
    void timeToFirstTokenIncludesLoading() throws Exception {
        fixture.engine.holdLoads();
        CompletableFuture<Completion> request = fixture.async(() ->
                fixture.core().completeChat(CoreFixture.chat("phi"), new CancellationSignal()));
        assertThat(fixture.engine.awaitLoadsHeld(1, CoreFixture.WAIT)).isTrue();
        fixture.clock.advance(Duration.ofSeconds(7));
        fixture.engine.releaseLoads();

        assertThat(request.get(30, TimeUnit.SECONDS).timings().timeToFirstToken()).isEqualTo(Duration.ofSeconds(7));
    }
}
