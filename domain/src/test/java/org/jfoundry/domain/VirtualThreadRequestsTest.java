package org.jfoundry.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.LoadOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The REST server runs each request on a virtual thread; engines spin in native code without ever blocking. */
class VirtualThreadRequestsTest {

    private static final String MODEL = "phi-generic-cpu:1";
    /** How long a request waits for the others to generate beside it. */
    private static final Duration TOGETHER = Duration.ofSeconds(5);

    private final CoreFixture fixture = new CoreFixture();

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void moreRequestsThanCoresWithinTheConcurrencyLimitAllGenerateAtOnce() throws Exception {
        // One more than the virtual-thread scheduler has carriers by default.
        int requests = Runtime.getRuntime().availableProcessors() + 1;
        fixture.settings = fixture.settings.withQueue(requests, 0);
        fixture.store.add(MODEL, 10);
        fixture.core().load(MODEL, LoadOptions.DEFAULT);
        AtomicInteger generating = new AtomicInteger();

        List<Future<Integer>> seen = new ArrayList<>();
        try (ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < requests; i++) {
                seen.add(virtual.submit(() -> {
                    AtomicInteger most = new AtomicInteger();
                    AtomicBoolean started = new AtomicBoolean();
                    fixture.core().streamChatCompletion(CoreFixture.chat(MODEL), chunk -> {
                        if (started.compareAndSet(false, true)) {
                            most.set(spinUntilAllGenerate(generating, requests));
                        }
                    }, new CancellationSignal());
                    return most.get();
                }));
            }
            for (Future<Integer> request : seen) {
                assertThat(request.get(60, TimeUnit.SECONDS)).as("requests generating beside this one")
                        .isEqualTo(requests);
            }
        }
    }

    /** Busy-waits, as a native decode step does, until every request generates or the time is up. */
    private static int spinUntilAllGenerate(AtomicInteger generating, int requests) {
        generating.incrementAndGet();
        long deadline = System.nanoTime() + TOGETHER.toNanos();
        while (generating.get() < requests && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        return generating.get();
    }
}
