package org.jfoundry.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jfoundry.ports.testing.FakeCatalogSource.variant;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jfoundry.ports.failure.CancelledException;
import org.jfoundry.ports.failure.DownloadFailedException;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.failure.ModelInUseException;
import org.jfoundry.ports.failure.ModelNotFoundException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.LoadOptions;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.model.ModelState;
import org.jfoundry.ports.out.DownloadListener;
import org.jfoundry.ports.out.DownloadProgress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CacheAndDownloadTest {

    private static final CatalogModel PHI = variant("phi", "phi-generic-cpu:1", ExecutionProvider.CPU);

    private final CoreFixture fixture = new CoreFixture();

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void aDownloadResolvesTheAliasAndCachesTheModel() {
        fixture.catalog.models(List.of(PHI, variant("phi", "phi-cuda-gpu:1", ExecutionProvider.CUDA)));
        List<DownloadProgress> progress = new CopyOnWriteArrayList<>();

        CachedModel cached = fixture.core().download("phi", progress::add, new CancellationSignal());

        assertThat(cached.id()).isEqualTo(PHI.id());
        assertThat(progress).extracting(DownloadProgress::percent).containsExactly(0.0, 50.0, 100.0);
        assertThat(fixture.core().state(PHI.id())).isEqualTo(ModelState.CACHED);
        assertThat(fixture.core().state(ModelId.parse("phi-cuda-gpu:1"))).isEqualTo(ModelState.NOT_CACHED);
    }

    @Test
    void aCachedModelIsReturnedWithoutDownloadingAgain() {
        fixture.catalog.models(List.of(PHI));
        fixture.core().download("phi", DownloadListener.IGNORE, new CancellationSignal());

        fixture.core().download("phi", DownloadListener.IGNORE, new CancellationSignal());
        fixture.core().download(PHI, DownloadListener.IGNORE, new CancellationSignal());

        assertThat(fixture.downloader.callCount(PHI.id())).isEqualTo(1);
    }

    @Test
    void concurrentDownloadsOfOneModelShareOneCallAndTheStateIsDownloading() throws Exception {
        fixture.catalog.models(List.of(PHI));
        fixture.downloader.hold();
        List<DownloadProgress> second = new CopyOnWriteArrayList<>();
        CompletableFuture<CachedModel> a = fixture.async(() ->
                fixture.core().download("phi", DownloadListener.IGNORE, new CancellationSignal()));
        assertThat(fixture.downloader.awaitHeld(1, CoreFixture.WAIT)).isTrue();
        assertThat(fixture.core().state(PHI.id())).isEqualTo(ModelState.DOWNLOADING);
        List<Thread> joiner = new CopyOnWriteArrayList<>();
        CompletableFuture<CachedModel> b = fixture.async(() -> {
            joiner.add(Thread.currentThread());
            return fixture.core().download(PHI, second::add, new CancellationSignal());
        });
        awaitParked(joiner);
        fixture.downloader.release();

        assertThat(a.get(30, TimeUnit.SECONDS).id()).isEqualTo(PHI.id());
        assertThat(b.get(30, TimeUnit.SECONDS).id()).isEqualTo(PHI.id());
        assertThat(fixture.downloader.callCount(PHI.id())).isEqualTo(1);
        // Only a caller that joined the running download sees its progress (a cache hit reports none).
        assertThat(second).extracting(DownloadProgress::percent).containsExactly(50.0, 100.0);
    }

    private static void awaitParked(List<Thread> thread) throws InterruptedException {
        long deadline = System.nanoTime() + CoreFixture.WAIT.toNanos();
        while (thread.isEmpty() || thread.getFirst().getState() != Thread.State.WAITING) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the second caller did not join the download");
            }
            Thread.sleep(5);
        }
    }

    @Test
    void aCallerThatCancelsLeavesTheSharedDownloadAtOnceAndTheLastOneStopsIt() throws Exception {
        fixture.catalog.models(List.of(PHI));
        fixture.downloader.hold();
        CancellationSignal cancel = new CancellationSignal();
        CompletableFuture<CachedModel> only = fixture.async(() ->
                fixture.core().download("phi", DownloadListener.IGNORE, cancel));
        assertThat(fixture.downloader.awaitHeld(1, CoreFixture.WAIT)).isTrue();

        cancel.cancel("user pressed Ctrl+C");

        assertThatThrownBy(() -> only.get(30, TimeUnit.SECONDS)).cause().isInstanceOf(CancelledException.class);
        // The download stops on its own thread, a moment after its last caller has left.
        long deadline = System.nanoTime() + CoreFixture.WAIT.toNanos();
        while (fixture.core().state(PHI.id()) == ModelState.DOWNLOADING && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(fixture.store.contains(PHI.id())).isFalse();
        assertThat(fixture.core().state(PHI.id())).isEqualTo(ModelState.NOT_CACHED);
    }

    @Test
    void aFailedDownloadReportsItsCauseAndCachesNothing() {
        fixture.catalog.models(List.of(PHI));
        fixture.downloader.failWith("disk full");

        assertThatThrownBy(() -> fixture.core().download("phi", DownloadListener.IGNORE, new CancellationSignal()))
                .isInstanceOf(DownloadFailedException.class).hasMessageContaining("disk full");
        assertThat(fixture.core().state(PHI.id())).isEqualTo(ModelState.NOT_CACHED);
    }

    @Test
    void removalIsRefusedWhileTheModelIsLoaded() {
        CachedModel phi = fixture.store.add("phi-generic-cpu:1", "phi", "chat-completion", 10);
        fixture.core().load("phi", LoadOptions.DEFAULT);

        assertThatThrownBy(() -> fixture.core().removeCached("phi", false)).isInstanceOf(ModelInUseException.class)
                .hasMessageContaining("loaded");
        assertThat(fixture.store.contains(phi.id())).isTrue();
        assertThat(fixture.core().state(phi.id())).isEqualTo(ModelState.LOADED);
    }

    @Test
    void removalWithUnloadFirstUnloadsThenDeletes() {
        CachedModel phi = fixture.store.add("phi-generic-cpu:1", "phi", "chat-completion", 10);
        fixture.core().load("phi", LoadOptions.DEFAULT);

        assertThat(fixture.core().removeCached("phi", true)).isEqualTo(phi.id());

        assertThat(fixture.engine.unloadCount(phi.id())).isEqualTo(1);
        assertThat(fixture.store.removed()).containsExactly(phi.id());
        assertThat(fixture.core().state(phi.id())).isEqualTo(ModelState.NOT_CACHED);
    }

    @Test
    void noRequestCanLoadAModelWhileItsFilesAreBeingRemoved() {
        CachedModel phi = fixture.store.add("phi-generic-cpu:1", "phi", "chat-completion", 10);
        fixture.core().load("phi", LoadOptions.DEFAULT);
        AtomicReference<Throwable> reloadDuringRemoval = new AtomicReference<>();
        fixture.store.beforeRemove(() -> {
            try {
                fixture.core().load("phi", LoadOptions.DEFAULT);
            } catch (RuntimeException refused) {
                reloadDuringRemoval.set(refused);
            }
        });

        fixture.core().removeCached("phi", true);

        assertThat(reloadDuringRemoval.get()).isInstanceOf(ModelInUseException.class).hasMessageContaining("being removed");
        assertThat(fixture.engine.loadCount(phi.id())).isEqualTo(1);
        assertThat(fixture.core().state(phi.id())).isEqualTo(ModelState.NOT_CACHED);
    }

    @Test
    void removingAModelThatIsNotCachedIsNotFound() {
        assertThatThrownBy(() -> fixture.core().removeCached("phi-generic-cpu:1", false))
                .isInstanceOf(ModelNotFoundException.class);
    }

    @Test
    void anAliasNamingSeveralCachedModelsIsNotEnoughToRemoveOne() {
        fixture.store.add("phi-generic-cpu:1", "phi", "chat-completion", 10);
        fixture.store.add("phi-generic-cpu:2", "phi", "chat-completion", 10);

        assertThatThrownBy(() -> fixture.core().removeCached("phi", false))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("phi-generic-cpu:1").hasMessageContaining("phi-generic-cpu:2");
        assertThat(fixture.store.removed()).isEmpty();
    }
}
