package org.jfoundry.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jfoundry.ports.failure.CancelledException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.out.DownloadListener;
import org.jfoundry.ports.out.DownloadProgress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DownloadsTest {

    private static final ModelId ID = ModelId.parse("phi-generic-cpu:1");
    private static final CachedModel DONE = new CachedModel(ID, "phi", Path.of("/cache/phi"), 1, "chat-completion", null);

    private final Downloads downloads = new Downloads((model, listener, cancel) -> {
        throw new AssertionError("these tests run jobs of their own");
    });
    private final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stopCallers() throws InterruptedException {
        callers.shutdownNow();
        callers.awaitTermination(30, TimeUnit.SECONDS);
    }

    /** A job that reports half-way, then waits for {@link #finish} whether or not it was cancelled (a slow wind-down). */
    private static final class SlowJob implements Downloads.Job {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch finish = new CountDownLatch(1);
        final AtomicInteger runs = new AtomicInteger();
        volatile CancellationSignal signal;

        @Override
        public CachedModel run(DownloadListener progress, CancellationSignal cancel) {
            runs.incrementAndGet();
            signal = cancel;
            progress.onProgress(new DownloadProgress("model.onnx", 50, 100, 0));
            started.countDown();
            try {
                finish.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            cancel.throwIfCancelled();
            return DONE;
        }
    }

    private CompletableFuture<CachedModel> download(Downloads.Job job, DownloadListener listener, CancellationSignal cancel) {
        return CompletableFuture.supplyAsync(() -> downloads.share(ID, job, listener, cancel), callers);
    }

    @Test
    void aCallerThatCancelsLeavesAtOnceWhileTheJobItStartedIsStillWindingDown() throws Exception {
        SlowJob job = new SlowJob();
        CancellationSignal cancel = new CancellationSignal();
        CompletableFuture<CachedModel> only = download(job, DownloadListener.IGNORE, cancel);
        assertThat(job.started.await(30, TimeUnit.SECONDS)).isTrue();

        cancel.cancel("user pressed Ctrl+C");

        assertThatThrownBy(() -> only.get(30, TimeUnit.SECONDS)).cause().isInstanceOf(CancelledException.class);
        assertThat(job.signal.isCancelled()).isTrue();
        assertThat(downloads.isRunning(ID)).isTrue();
        job.finish.countDown();
        awaitNotRunning();
    }

    @Test
    void oneCallerCancellingDoesNotStopTheJobForTheOther() throws Exception {
        SlowJob job = new SlowJob();
        CancellationSignal impatient = new CancellationSignal();
        CompletableFuture<CachedModel> quitter = download(job, DownloadListener.IGNORE, impatient);
        assertThat(job.started.await(30, TimeUnit.SECONDS)).isTrue();
        List<DownloadProgress> heard = new CopyOnWriteArrayList<>();
        CompletableFuture<CachedModel> patient = download(new SlowJob(), heard::add, new CancellationSignal());
        awaitCallers(job);

        impatient.cancel("gave up");
        assertThatThrownBy(() -> quitter.get(30, TimeUnit.SECONDS)).cause().isInstanceOf(CancelledException.class);
        assertThat(job.signal.isCancelled()).isFalse();
        job.finish.countDown();

        assertThat(patient.get(30, TimeUnit.SECONDS)).isEqualTo(DONE);
        assertThat(job.runs).hasValue(1);
    }

    @Test
    void aCallerArrivingWhileAnAbandonedJobWindsDownGetsAFreshJobStartedAfterIt() throws Exception {
        SlowJob abandoned = new SlowJob();
        CancellationSignal cancel = new CancellationSignal();
        CompletableFuture<CachedModel> first = download(abandoned, DownloadListener.IGNORE, cancel);
        assertThat(abandoned.started.await(30, TimeUnit.SECONDS)).isTrue();
        cancel.cancel("gave up");
        assertThatThrownBy(() -> first.get(30, TimeUnit.SECONDS)).cause().isInstanceOf(CancelledException.class);

        SlowJob next = new SlowJob();
        next.finish.countDown();
        CompletableFuture<CachedModel> second = download(next, DownloadListener.IGNORE, new CancellationSignal());
        // The fresh job must not write beside the one still ending on the same files.
        assertThat(next.started.await(300, TimeUnit.MILLISECONDS)).isFalse();
        abandoned.finish.countDown();

        assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo(DONE);
        assertThat(next.runs).hasValue(1);
    }

    @Test
    void aCallerWhoseProgressDisplayFailsDoesNotBreakTheJobForTheOthers() throws Exception {
        SlowJob job = new SlowJob();
        CompletableFuture<CachedModel> broken = download(job, progress -> {
            throw new IllegalStateException("terminal gone");
        }, new CancellationSignal());
        assertThat(job.started.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<CachedModel> other = download(new SlowJob(), DownloadListener.IGNORE, new CancellationSignal());
        awaitCallers(job);
        job.finish.countDown();

        assertThat(broken.get(30, TimeUnit.SECONDS)).isEqualTo(DONE);
        assertThat(other.get(30, TimeUnit.SECONDS)).isEqualTo(DONE);
    }

    @Test
    void theCallerWhoStartsAJobHearsItFromItsFirstProgressOn() {
        Downloads.Job quick = (progress, cancel) -> {
            progress.onProgress(new DownloadProgress("model.onnx", 0, 100, 0));
            progress.onProgress(new DownloadProgress("model.onnx", 100, 100, 0));
            return DONE;
        };
        // The job runs on a thread of its own from the start: many tries give a late listener every chance to miss.
        for (int attempt = 0; attempt < 300; attempt++) {
            List<DownloadProgress> heard = new CopyOnWriteArrayList<>();
            downloads.share(ID, quick, heard::add, new CancellationSignal());
            assertThat(heard).as("attempt %d", attempt).extracting(DownloadProgress::percent).containsExactly(0.0, 100.0);
        }
    }

    @Test
    void aFinishedJobIsNoLongerRunningWhenItsCallersHearOfIt() throws Exception {
        SlowJob job = new SlowJob();
        job.finish.countDown();
        AtomicInteger runningWhenDone = new AtomicInteger(-1);
        CompletableFuture<CachedModel> only = CompletableFuture.supplyAsync(() -> {
            CachedModel done = downloads.share(ID, job, DownloadListener.IGNORE, new CancellationSignal());
            runningWhenDone.set(downloads.isRunning(ID) ? 1 : 0);
            return done;
        }, callers);

        assertThat(only.get(30, TimeUnit.SECONDS)).isEqualTo(DONE);
        assertThat(runningWhenDone).hasValue(0);
    }

    /** Waits until a second caller has joined: it then hears the job's progress too. */
    private void awaitCallers(SlowJob job) throws InterruptedException {
        Thread.sleep(200);
        assertThat(job.runs).hasValue(1);
    }

    private void awaitNotRunning() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (downloads.isRunning(ID)) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
