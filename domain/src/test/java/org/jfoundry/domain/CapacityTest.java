package org.jfoundry.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jfoundry.ports.failure.CapacityExceededException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.Completion;
import org.jfoundry.ports.inference.LoadOptions;
import org.jfoundry.ports.model.LoadedModel;
import org.jfoundry.ports.model.ModelId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CapacityTest {

    private final CoreFixture fixture = new CoreFixture();

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    private void capacity(int models, long bytes) {
        fixture.settings = fixture.settings.withCapacity(models, bytes);
    }

    private void load(String id) {
        fixture.core().load(id, LoadOptions.DEFAULT);
        fixture.clock.advance(Duration.ofSeconds(1)); // so "least recently used" is well defined
    }

    private java.util.List<String> loadedIds() {
        return fixture.core().listLoaded().stream().map(LoadedModel::id).map(ModelId::toString).toList();
    }

    @Test
    void aLoadBeyondTheModelLimitEvictsTheLeastRecentlyUsedIdleModel() {
        capacity(2, 1_000_000);
        fixture.store.add("a-generic-cpu:1", 10);
        fixture.store.add("b-generic-cpu:1", 10);
        fixture.store.add("c-generic-cpu:1", 10);
        load("a-generic-cpu:1");
        load("b-generic-cpu:1");
        fixture.core().completeChat(CoreFixture.chat("a-generic-cpu:1"), new CancellationSignal()); // a is now newer
        fixture.clock.advance(Duration.ofSeconds(1));

        load("c-generic-cpu:1");

        assertThat(loadedIds()).containsExactlyInAnyOrder("a-generic-cpu:1", "c-generic-cpu:1");
        assertThat(fixture.engine.unloadCount(ModelId.parse("b-generic-cpu:1"))).isEqualTo(1);
    }

    @Test
    void aLoadBeyondTheMemoryBudgetEvictsOldestFirstUntilItFits() {
        capacity(10, 100);
        fixture.store.add("a-generic-cpu:1", 40);
        fixture.store.add("b-generic-cpu:1", 30);
        fixture.store.add("c-generic-cpu:1", 20);
        fixture.store.add("d-generic-cpu:1", 60);
        load("a-generic-cpu:1");
        load("b-generic-cpu:1");
        load("c-generic-cpu:1");

        load("d-generic-cpu:1"); // 90 + 60 > 100: a (40) and b (30) go, c (20) stays: 20 + 60 = 80

        assertThat(loadedIds()).containsExactlyInAnyOrder("c-generic-cpu:1", "d-generic-cpu:1");
    }

    @Test
    void aModelWithARequestInFlightIsNeverEvicted() throws Exception {
        capacity(2, 1_000_000);
        fixture.store.add("busy-generic-cpu:1", 10);
        fixture.store.add("idle-generic-cpu:1", 10);
        fixture.store.add("new-generic-cpu:1", 10);
        load("busy-generic-cpu:1");
        load("idle-generic-cpu:1");
        CompletableFuture<Completion> running = fixture.startHeldChat("busy-generic-cpu:1");
        fixture.clock.advance(Duration.ofSeconds(1));
        fixture.core().countTokens("idle-generic-cpu:1", new org.jfoundry.ports.inference.Prompt.Text("x"));

        load("new-generic-cpu:1"); // busy is the least recently used, but it is busy

        assertThat(loadedIds()).containsExactlyInAnyOrder("busy-generic-cpu:1", "new-generic-cpu:1");
        fixture.engine.releaseGenerations();
        assertThat(running.get(30, TimeUnit.SECONDS).text()).isNotEmpty();
    }

    @Test
    void whenEveryLoadedModelIsBusyTheLoadFailsNamingWhatUsesTheRoom() throws Exception {
        capacity(1, 1L << 30);
        fixture.store.add("busy-generic-cpu:1", 3 * 1024 * 1024);
        fixture.store.add("new-generic-cpu:1", 10);
        load("busy-generic-cpu:1");
        CompletableFuture<Completion> running = fixture.startHeldChat("busy-generic-cpu:1");

        assertThatThrownBy(() -> fixture.core().load("new-generic-cpu:1", LoadOptions.DEFAULT))
                .isInstanceOf(CapacityExceededException.class)
                .hasMessageContaining("new-generic-cpu:1")
                .hasMessageContaining("1 loaded model(s)")
                .hasMessageContaining("busy-generic-cpu:1 (3.0 MiB, 1 request(s) in flight)");
        assertThat(loadedIds()).containsExactly("busy-generic-cpu:1");
        assertThat(fixture.engine.loadCount(ModelId.parse("new-generic-cpu:1"))).isZero();

        fixture.engine.releaseGenerations();
        running.get(30, TimeUnit.SECONDS);
        load("new-generic-cpu:1"); // once idle, the busy model can make room
        assertThat(loadedIds()).containsExactly("new-generic-cpu:1");
    }

    @Test
    void nothingIsEvictedWhenEvenEvictingEverythingIdleWouldNotMakeRoom() throws Exception {
        capacity(10, 100);
        fixture.store.add("busy-generic-cpu:1", 60);
        fixture.store.add("idle-generic-cpu:1", 10);
        fixture.store.add("new-generic-cpu:1", 50);
        load("busy-generic-cpu:1");
        load("idle-generic-cpu:1");
        CompletableFuture<Completion> running = fixture.startHeldChat("busy-generic-cpu:1");

        assertThatThrownBy(() -> fixture.core().load("new-generic-cpu:1", LoadOptions.DEFAULT))
                .isInstanceOf(CapacityExceededException.class)
                .hasMessageContaining("100 B of memory");
        assertThat(loadedIds()).containsExactlyInAnyOrder("busy-generic-cpu:1", "idle-generic-cpu:1");

        fixture.engine.releaseGenerations();
        running.get(30, TimeUnit.SECONDS);
    }

    @Test
    void aModelLargerThanTheWholeBudgetIsRefusedWithItsSize() {
        capacity(4, 2048);
        fixture.store.add("huge-generic-cpu:1", 4096);

        assertThatThrownBy(() -> fixture.core().load("huge-generic-cpu:1", LoadOptions.DEFAULT))
                .isInstanceOf(CapacityExceededException.class)
                .hasMessageContaining("huge-generic-cpu:1")
                .hasMessageContaining("4.0 KiB")
                .hasMessageContaining("2.0 KiB");
    }

    @Test
    void anOnDemandLoadAlsoEvicts() {
        capacity(1, 1_000_000);
        fixture.store.add("a-generic-cpu:1", 10);
        fixture.store.add("b-generic-cpu:1", 10);
        load("a-generic-cpu:1");

        fixture.core().completeChat(CoreFixture.chat("b-generic-cpu:1"), new CancellationSignal());

        assertThat(loadedIds()).containsExactly("b-generic-cpu:1");
    }
}
