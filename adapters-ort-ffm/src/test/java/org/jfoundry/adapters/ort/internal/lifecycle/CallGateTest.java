package org.jfoundry.adapters.ort.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class CallGateTest {

    @Test
    void aClosedGateRefusesCallsNamingItsResource() {
        CallGate gate = new CallGate("session on model.onnx");
        AtomicInteger released = new AtomicInteger();

        assertThat(gate.close(released::incrementAndGet)).isTrue();
        assertThat(gate.close(released::incrementAndGet)).isFalse();
        assertThat(released).hasValue(1);
        assertThatThrownBy(gate::enter).isInstanceOf(IllegalStateException.class)
                .hasMessage("session on model.onnx is already closed");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void closeWaitsForTheCallInFlightThenReleasesOnce() throws Exception {
        CallGate gate = new CallGate("tensor");
        AtomicInteger released = new AtomicInteger();
        gate.enter();
        CountDownLatch closing = new CountDownLatch(1);
        CompletableFuture<Boolean> close = CompletableFuture.supplyAsync(() -> {
            closing.countDown();
            return gate.close(released::incrementAndGet);
        });
        closing.await();
        Thread.sleep(100);
        assertThat(close).isNotDone();
        assertThat(released).hasValue(0);

        gate.exit();
        assertThat(close.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(released).hasValue(1);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aCallThatOutlastsTheWaitReleasesAsItLeavesInsteadOfHangingTheClose() {
        CallGate gate = new CallGate("prepared run", Duration.ofMillis(50));
        AtomicInteger released = new AtomicInteger();
        gate.enter();

        assertThat(gate.close(released::incrementAndGet)).isTrue(); // returns after the wait, not never
        assertThat(released).hasValue(0);
        assertThat(gate.callsInFlight()).isEqualTo(1);

        gate.exit();
        assertThat(released).hasValue(1);
    }

    @Test
    void anExitWithoutAnEnterIsRefusedAndLeavesTheCountAlone() {
        CallGate gate = new CallGate("IoBinding");
        assertThatThrownBy(gate::exit).isInstanceOf(IllegalStateException.class).hasMessageContaining("IoBinding");
        AtomicInteger released = new AtomicInteger();
        gate.close(released::incrementAndGet);
        assertThat(released).hasValue(1);
        assertThatThrownBy(gate::exit).isInstanceOf(IllegalStateException.class);
        assertThat(gate.callsInFlight()).isZero();
    }

    @Test
    void aShutGateRefusesCallsBeforeItsOwnerReleases() {
        CallGate gate = new CallGate("GenAI model m");
        gate.enter();
        assertThat(gate.shut()).isTrue();
        assertThatThrownBy(gate::enter).hasMessage("GenAI model m is already closed");
        gate.exit();
        AtomicInteger released = new AtomicInteger();
        assertThat(gate.releaseWhenIdle(released::incrementAndGet)).isTrue();
        assertThat(released).hasValue(1);
    }
}
