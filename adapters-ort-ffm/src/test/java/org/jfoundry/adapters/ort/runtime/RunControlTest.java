package org.jfoundry.adapters.ort.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jfoundry.adapters.ort.testing.TestGraphs;
import org.jfoundry.adapters.ort.testing.TestRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Terminating runs, running concurrently, and closing while runs are in flight. */
class RunControlTest {
    private static final int SIZE = 512;
    private final OrtEnvironment env = TestRuntime.get().environment();

    private Session slowSession(SessionOptions options) {
        // 2000 chained 512x512 MatMuls, about 0.5 TFLOP: tens of seconds on one thread, far longer than the test waits.
        return env.openSession(TestGraphs.slowMatMulChain(SIZE, 2000), options);
    }

    @Test
    void aSetTerminateFlagFailsTheNextRunUntilItIsCleared() {
        try (SessionOptions options = env.newSessionOptions().intraOpThreads(1);
             Session session = env.openSession(TestGraphs.addOnes(2), options);
             RunOptions runOptions = env.newRunOptions();
             Value x = env.tensor(new float[] {1, 2}, 2)) {
            runOptions.terminate();
            assertThatThrownBy(() -> session.run(runOptions, Map.of("x", x)))
                    .isInstanceOfSatisfying(OrtException.class, e -> assertThat(e.isTerminated()).isTrue());
            runOptions.clearTerminate();
            try (RunOutputs out = session.run(runOptions, Map.of("x", x))) {
                assertThat(out.get(0).toFloatArray()).containsExactly(2f, 3f);
            }
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void terminateStopsARunInFlightFromAnotherThread() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (SessionOptions options = env.newSessionOptions().intraOpThreads(1)
                .optimizationLevel(GraphOptimizationLevel.DISABLE_ALL);
             Session session = slowSession(options);
             RunOptions runOptions = env.newRunOptions();
             Value x = env.allocate(ElementType.FLOAT, SIZE, SIZE)) {
            CountDownLatch started = new CountDownLatch(1);
            long[] elapsed = new long[1];
            Future<?> run = pool.submit(() -> {
                started.countDown();
                long t0 = System.nanoTime();
                try (RunOutputs ignored = session.run(runOptions, Map.of("x", x))) {
                    return null;
                } finally {
                    elapsed[0] = System.nanoTime() - t0;
                }
            });
            started.await();
            Thread.sleep(200); // let the run get going; the outcome does not depend on this timing
            runOptions.terminate();
            assertThatThrownBy(() -> run.get(60, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(OrtException.class)
                    .cause().satisfies(e -> assertThat(((OrtException) e).isTerminated()).isTrue());
            assertThat(Duration.ofNanos(elapsed[0])).isLessThan(Duration.ofSeconds(60));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void concurrentRunsOnOneSessionEachGetTheirOwnResult() throws Exception {
        int threads = 4;
        int runsPerThread = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (SessionOptions options = env.newSessionOptions().intraOpThreads(1);
             Session session = env.openSession(TestGraphs.addOnes(2), options)) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                results.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < runsPerThread; i++) {
                        float marker = id * 1000 + i;
                        try (Value x = env.tensor(new float[] {marker, -marker}, 2);
                             RunOutputs out = session.run(null, Map.of("x", x))) {
                            float[] y = out.get(0).toFloatArray();
                            if (y[0] == marker + 1 && y[1] == -marker + 1) {
                                ok++;
                            }
                        }
                    }
                    return ok;
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get(100, TimeUnit.SECONDS)).isEqualTo(runsPerThread);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void closingASessionWaitsForTheRunInFlightInsteadOfFreeingItUnderneath() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (SessionOptions options = env.newSessionOptions().intraOpThreads(1)
                .optimizationLevel(GraphOptimizationLevel.DISABLE_ALL);
             RunOptions runOptions = env.newRunOptions();
             Value x = env.allocate(ElementType.FLOAT, SIZE, SIZE)) {
            Session session = slowSession(options);
            CountDownLatch started = new CountDownLatch(1);
            Future<?> run = pool.submit(() -> {
                started.countDown();
                try (RunOutputs ignored = session.run(runOptions, Map.of("x", x))) {
                    return null;
                }
            });
            started.await();
            Thread.sleep(200);
            Future<?> closing = Executors.newVirtualThreadPerTaskExecutor().submit(session::close);
            Thread.sleep(200);
            runOptions.terminate();
            closing.get(60, TimeUnit.SECONDS);
            assertThat(session.isClosed()).isTrue();
            // Either the run was terminated or it had not entered yet and was refused: never a crash.
            assertThatThrownBy(() -> run.get(60, TimeUnit.SECONDS)).cause()
                    .isInstanceOfAny(OrtException.class, IllegalStateException.class);
        } finally {
            pool.shutdownNow();
        }
    }
}
