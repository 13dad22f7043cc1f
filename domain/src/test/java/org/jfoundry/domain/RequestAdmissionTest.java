package org.jfoundry.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jfoundry.ports.failure.CancelledException;
import org.jfoundry.ports.failure.ServiceBusyException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.Completion;
import org.jfoundry.ports.inference.LoadOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RequestAdmissionTest {

    private static final String MODEL = "phi-generic-cpu:1";

    private final CoreFixture fixture = new CoreFixture();

    @BeforeEach
    void oneRunningAndOneWaiting() {
        fixture.settings = fixture.settings.withQueue(1, 1);
        fixture.store.add("phi-generic-cpu:1", 10);
        fixture.core().load("phi-generic-cpu:1", LoadOptions.DEFAULT);
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    private CompletableFuture<Completion> request(CancellationSignal cancel) {
        return fixture.async(() -> fixture.core().completeChat(CoreFixture.chat(MODEL), cancel));
    }

    private void awaitInFlight(int count) throws InterruptedException {
        long deadline = System.nanoTime() + CoreFixture.WAIT.toNanos();
        while (fixture.core().listLoaded().getFirst().inFlightRequests() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("requests did not arrive");
            }
            Thread.sleep(5);
        }
    }

    @Test
    void aRequestBeyondTheRunningLimitAndTheQueueIsRefusedAsBusyWithARetryAfter() throws Exception {
        CompletableFuture<Completion> running = fixture.startHeldChat(MODEL);
        CompletableFuture<Completion> queued = request(new CancellationSignal());
        awaitInFlight(2);

        assertThatThrownBy(() -> fixture.core().completeChat(CoreFixture.chat(MODEL), new CancellationSignal()))
                .isInstanceOfSatisfying(ServiceBusyException.class, busy -> {
                    assertThat(busy.retryAfter()).isPositive();
                    assertThat(busy.getMessage()).contains("1 request(s) running and 1 waiting");
                });
        assertThat(fixture.engine.generationsRunning()).isEqualTo(1);

        fixture.engine.releaseGenerations();
        assertThat(running.get(30, TimeUnit.SECONDS).text()).isNotEmpty();
        assertThat(queued.get(30, TimeUnit.SECONDS).text()).isNotEmpty();
    }

    @Test
    void aQueuedRequestRunsOnlyWhenTheRunningOneEnds() throws Exception {
        CompletableFuture<Completion> running = fixture.startHeldChat(MODEL);
        CompletableFuture<Completion> queued = request(new CancellationSignal());
        awaitInFlight(2);

        assertThat(fixture.engine.generationsRunning()).isEqualTo(1);
        assertThat(queued).isNotDone();

        fixture.engine.releaseGenerations();
        running.get(30, TimeUnit.SECONDS);
        queued.get(30, TimeUnit.SECONDS);
        assertThat(fixture.core().listLoaded().getFirst().inFlightRequests()).isZero();
    }

    @Test
    void aQueuedRequestWhoseCallerCancelsLeavesTheQueueAtOnce() throws Exception {
        CompletableFuture<Completion> running = fixture.startHeldChat(MODEL);
        CancellationSignal cancelQueued = new CancellationSignal();
        CompletableFuture<Completion> queued = request(cancelQueued);
        awaitInFlight(2);

        cancelQueued.cancel("client went away");

        assertThatThrownBy(() -> queued.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(CancelledException.class).hasMessageContaining("client went away");
        assertThat(fixture.core().listLoaded().getFirst().inFlightRequests()).isEqualTo(1);
        assertThat(running).isNotDone();
        // The queue has room again while the first request still runs.
        CompletableFuture<Completion> next = request(new CancellationSignal());
        awaitInFlight(2);
        fixture.engine.releaseGenerations();
        assertThat(running.get(30, TimeUnit.SECONDS).text()).isNotEmpty();
        assertThat(next.get(30, TimeUnit.SECONDS).text()).isNotEmpty();
    }

    @Test
    void aRunningRequestWhoseCallerCancelsEndsWithCancelledAndFreesItsPlace() throws Exception {
        fixture.engine.holdGenerations();
        CancellationSignal cancel = new CancellationSignal();
        CompletableFuture<Completion> running = request(cancel);
        assertThat(fixture.engine.awaitGenerationsHeld(1, CoreFixture.WAIT)).isTrue();

        cancel.cancel("stop");

        assertThatThrownBy(() -> running.get(30, TimeUnit.SECONDS)).cause().isInstanceOf(CancelledException.class);
        assertThat(fixture.core().listLoaded().getFirst().inFlightRequests()).isZero();
        assertThat(fixture.core().listLoaded().getFirst().expiresAt()).isNotNull();
    }

    @Test
    void aForcedUnloadAlsoEndsQueuedRequestsWithCancelled() throws Exception {
        CompletableFuture<Completion> running = fixture.startHeldChat(MODEL);
        CompletableFuture<Completion> queued = request(new CancellationSignal());
        awaitInFlight(2);

        fixture.core().unload(MODEL, true);

        assertThatThrownBy(() -> running.get(30, TimeUnit.SECONDS)).cause().isInstanceOf(CancelledException.class);
        assertThatThrownBy(() -> queued.get(30, TimeUnit.SECONDS)).cause().isInstanceOf(CancelledException.class);
        assertThat(fixture.engine.openModels()).isEmpty();
    }

    @Test
    void tokenCountingIsNotHeldBehindRunningRequests() throws Exception {
        CompletableFuture<Completion> running = fixture.startHeldChat(MODEL);
        CompletableFuture<Completion> queued = request(new CancellationSignal());
        awaitInFlight(2);

        assertThat(fixture.core().countTokens(MODEL,
                new org.jfoundry.ports.inference.Prompt.Text("three words here"))).isEqualTo(3);

        fixture.engine.releaseGenerations();
        running.get(30, TimeUnit.SECONDS);
        queued.get(30, TimeUnit.SECONDS);
        fixture.clock.advance(Duration.ofSeconds(600));
        assertThat(fixture.core().listLoaded()).isEmpty();
    }

    @Test
    void aModelThatServesFewerAtOnceThanTheSettingQueuesTheRestInTheCore() throws Exception {
        try (CoreFixture batching = new CoreFixture()) {
            batching.settings = batching.settings.withQueue(4, 4);
            batching.engine.concurrentRequestsPerModel(1);
            batching.store.add(MODEL, 10);
            CompletableFuture<Completion> running = batching.startHeldChat(MODEL);
            CompletableFuture<Completion> queued = batching.async(() ->
                    batching.core().completeChat(CoreFixture.chat(MODEL), new CancellationSignal()));
            long deadline = System.nanoTime() + CoreFixture.WAIT.toNanos();
            while (batching.core().listLoaded().getFirst().inFlightRequests() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }

            assertThat(batching.engine.generationsRunning()).isEqualTo(1);
            assertThat(queued).isNotDone();
            batching.engine.releaseGenerations();
            assertThat(running.get(30, TimeUnit.SECONDS).text()).isNotEmpty();
            assertThat(queued.get(30, TimeUnit.SECONDS).text()).isNotEmpty();
        }
    }
}
