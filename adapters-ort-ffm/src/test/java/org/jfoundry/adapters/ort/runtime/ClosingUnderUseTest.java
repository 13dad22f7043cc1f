package org.jfoundry.adapters.ort.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/** Using a resource whose owner closed, and building one that fails half way: nothing stays stuck or leaks. */
class ClosingUnderUseTest {
    private final OrtEnvironment env = TestRuntime.get().environment();

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aPreparedRunUsedAfterItsSessionClosedIsRefusedAndStillCloses() {
        try (SessionOptions options = env.newSessionOptions().intraOpThreads(1);
             Value x = env.tensor(new float[] {1, 2}, 2);
             Value y = env.allocate(ElementType.FLOAT, 2)) {
            Session session = env.openSession(TestGraphs.addOnes(2), options);
            PreparedRun prepared = session.prepare(List.of("x"), List.of("y"));
            session.close();

            assertThatThrownBy(() -> prepared.run(null, new Value[] {x}, new Value[] {y}))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("model bytes is already closed");
            prepared.close(); // stuck forever when the refused run left its use counted
            assertThat(prepared.isClosed()).isTrue();
            assertThatThrownBy(() -> prepared.run(null, new Value[] {x}, new Value[] {y}))
                    .hasMessageContaining("prepared run on session on");
        }
    }

    @Test
    void aClosedSessionPreparesNoRun() {
        try (SessionOptions options = env.newSessionOptions().intraOpThreads(1)) {
            Session session = env.openSession(TestGraphs.addOnes(2), options);
            session.close();
            assertThatThrownBy(() -> session.prepare(List.of("x"), List.of("y")))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("already closed");
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aBindingRunWhileItsSessionClosesIsRefusedAndTheSessionStillCloses() throws Exception {
        int size = 512;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (SessionOptions options = env.newSessionOptions().intraOpThreads(1)
                .optimizationLevel(GraphOptimizationLevel.DISABLE_ALL);
             RunOptions slow = env.newRunOptions();
             Value x = env.allocate(ElementType.FLOAT, size, size)) {
            Session session = env.openSession(TestGraphs.slowMatMulChain(size, 2000), options);
            IoBinding binding = session.newIoBinding().bindInput("x", x).bindOutputToCpu("y");
            CountDownLatch started = new CountDownLatch(1);
            Future<?> run = pool.submit(() -> {
                started.countDown();
                try (RunOutputs ignored = session.run(slow, Map.of("x", x))) {
                    return null;
                }
            });
            started.await();
            Thread.sleep(200);
            Future<?> closing = pool.submit(session::close); // waits for the slow run
            while (!session.isClosed()) {
                Thread.sleep(5);
            }

            assertThatThrownBy(() -> session.run(null, binding)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is already closed");
            slow.terminate();
            closing.get(20, TimeUnit.SECONDS); // hung when the refused binding run left its use counted
            assertThat(binding.isClosed()).isTrue();
            assertThatThrownBy(() -> run.get(20, TimeUnit.SECONDS)).cause()
                    .isInstanceOfAny(OrtException.class, IllegalStateException.class);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSessionWhoseNamesCannotBeStoredClosesTheirArena() {
        RefusingArena names = new RefusingArena(0);
        try (SessionOptions options = env.newSessionOptions().intraOpThreads(1)) {
            assertThatThrownBy(() -> Session.fromBytes(env, TestGraphs.addOnes(2), options, () -> names))
                    .isInstanceOf(OutOfMemoryError.class);
        }
        assertThat(names.closed()).isTrue();
    }

    @Test
    void aPreparedRunWhoseArraysCannotBeAllocatedClosesTheirArena() {
        RefusingArena arrays = new RefusingArena(2);
        try (SessionOptions options = env.newSessionOptions().intraOpThreads(1);
             Session session = env.openSession(TestGraphs.addOnes(2), options)) {
            assertThatThrownBy(() -> new PreparedRun(session, new int[] {0}, new int[] {0}, () -> arrays))
                    .isInstanceOf(OutOfMemoryError.class);
        }
        assertThat(arrays.closed()).isTrue();
    }
}
