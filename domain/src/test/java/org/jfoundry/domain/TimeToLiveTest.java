package org.jfoundry.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.Completion;
import org.jfoundry.ports.inference.LoadOptions;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.LoadedModel;
import org.jfoundry.ports.model.ModelState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimeToLiveTest {

    private final CoreFixture fixture = new CoreFixture();
    private final CachedModel phi = fixture.store.add("phi-generic-cpu:1", 1000);

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void aLoadedModelUnloadsAfterTheDefaultTenMinutesIdle() {
        LoadedModel loaded = fixture.core().load("phi-generic-cpu:1", LoadOptions.DEFAULT);
        assertThat(loaded.ttl()).isEqualTo(Duration.ofSeconds(600));
        assertThat(loaded.expiresAt()).isEqualTo(fixture.clock.now().plusSeconds(600));

        fixture.clock.advance(Duration.ofSeconds(599));
        assertThat(fixture.core().state(phi.id())).isEqualTo(ModelState.LOADED);

        fixture.clock.advance(Duration.ofSeconds(1));
        assertThat(fixture.core().state(phi.id())).isEqualTo(ModelState.CACHED);
        assertThat(fixture.engine.unloadCount(phi.id())).isEqualTo(1);
        assertThat(fixture.core().listLoaded()).isEmpty();
    }

    @Test
    void aTtlGivenAtLoadReplacesTheDefault() {
        fixture.core().load("phi-generic-cpu:1", new LoadOptions(Duration.ofSeconds(30), null));

        fixture.clock.advance(Duration.ofSeconds(29));
        assertThat(fixture.core().state(phi.id())).isEqualTo(ModelState.LOADED);
        fixture.clock.advance(Duration.ofSeconds(1));
        assertThat(fixture.core().state(phi.id())).isEqualTo(ModelState.CACHED);
    }

    @Test
    void loadingALoadedModelAgainAppliesTheNewTtl() {
        fixture.core().load("phi-generic-cpu:1", new LoadOptions(Duration.ofSeconds(30), null));
        fixture.core().load("phi-generic-cpu:1", LoadOptions.neverUnload());

        fixture.clock.advance(Duration.ofDays(1));
        assertThat(fixture.core().state(phi.id())).isEqualTo(ModelState.LOADED);
        assertThat(fixture.engine.loadCount(phi.id())).isEqualTo(1);
    }

    @Test
    void aZeroTtlNeverUnloads() {
        LoadedModel loaded = fixture.core().load("phi-generic-cpu:1", new LoadOptions(Duration.ZERO, null));

        fixture.clock.advance(Duration.ofDays(30));
        assertThat(loaded.ttl()).isNull();
        assertThat(fixture.core().state(phi.id())).isEqualTo(ModelState.LOADED);
        assertThat(fixture.clock.pendingTasks()).isZero();
    }

    @Test
    void unloadFalseNeverUnloads() {
        fixture.core().load("phi-generic-cpu:1", LoadOptions.fromQuery("60", "false", null));

        fixture.clock.advance(Duration.ofDays(30));
        assertThat(fixture.core().state(phi.id())).isEqualTo(ModelState.LOADED);
    }

    @Test
    void aDefaultTtlOfZeroInTheSettingsMeansNever() {
        fixture.settings = fixture.settings.withDefaultTtl(Duration.ZERO);
        fixture.core().load("phi-generic-cpu:1", LoadOptions.DEFAULT);

        fixture.clock.advance(Duration.ofDays(30));
        assertThat(fixture.core().state(phi.id())).isEqualTo(ModelState.LOADED);
    }

    @Test
    void theTtlNeverFiresWhileARequestRunsAndRestartsWhenItEnds() throws Exception {
        fixture.core().load("phi-generic-cpu:1", new LoadOptions(Duration.ofSeconds(60), null));
        CompletableFuture<Completion> request = fixture.startHeldChat("phi-generic-cpu:1");

        fixture.clock.advance(Duration.ofHours(2));
        assertThat(fixture.core().state(phi.id())).isEqualTo(ModelState.LOADED);
        assertThat(fixture.core().listLoaded().getFirst().expiresAt()).isNull();
        assertThat(fixture.core().listLoaded().getFirst().inFlightRequests()).isEqualTo(1);

        fixture.engine.releaseGenerations();
        request.get(30, TimeUnit.SECONDS);
        fixture.clock.advance(Duration.ofSeconds(59));
        assertThat(fixture.core().state(phi.id())).isEqualTo(ModelState.LOADED);
        fixture.clock.advance(Duration.ofSeconds(1));
        assertThat(fixture.core().state(phi.id())).isEqualTo(ModelState.CACHED);
    }

    @Test
    void eachFinishedRequestRestartsTheTimer() {
        fixture.core().load("phi-generic-cpu:1", new LoadOptions(Duration.ofSeconds(60), null));
        for (int i = 0; i < 5; i++) {
            fixture.clock.advance(Duration.ofSeconds(50));
            fixture.core().completeChat(CoreFixture.chat("phi-generic-cpu:1"), new CancellationSignal());
        }
        assertThat(fixture.core().state(phi.id())).isEqualTo(ModelState.LOADED);
        assertThat(fixture.core().listLoaded().getFirst().expiresAt()).isEqualTo(fixture.clock.now().plusSeconds(60));

        fixture.clock.advance(Duration.ofSeconds(60));
        assertThat(fixture.core().state(phi.id())).isEqualTo(ModelState.CACHED);
        assertThat(fixture.engine.loadCount(phi.id())).isEqualTo(1);
    }

    @Test
    void anOnDemandLoadUsesTheDefaultTtl() {
        fixture.core().completeChat(CoreFixture.chat("phi-generic-cpu:1"), new CancellationSignal());

        assertThat(fixture.core().listLoaded()).singleElement()
                .satisfies(m -> assertThat(m.ttl()).isEqualTo(Duration.ofSeconds(600)));
        fixture.clock.advance(Duration.ofSeconds(600));
        assertThat(fixture.core().state(phi.id())).isEqualTo(ModelState.CACHED);
    }
}
