package org.jfoundry.adapters.ort.generate;

import java.lang.foreign.MemorySegment;

/**
 * One request's sequence in a {@link BatchScheduler}: the request's thread hands over its prompt or next token and
 * waits (or leads the step); the step copies this sequence's logits row into its slot's own buffer, so a later step
 * of the others cannot overwrite it while the request samples. Fields are guarded by the scheduler's lock.
 */
final class BatchedSequence implements DecoderSequence {

    enum Phase { NEW, WAITING_FOR_SLOT, PREFILLING, SAMPLING, READY, CLOSED }

    private final BatchScheduler scheduler;
    /** The request's thread, so the CPU time of the steps it leads counts as its own. */
    final Thread leaderThread = Thread.currentThread();

    Phase phase = Phase.NEW;
    int slot = -1;
    /** Tokens of this sequence in its slot's cache. */
    int length;
    long[] prompt;
    long pendingToken;
    /** Set by the scheduler when the call the request waits for is done. */
    boolean done;
    RuntimeException failure;
    long runNanos;
    long runCpuNanos;
    private volatile boolean terminated;

    BatchedSequence(BatchScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public MemorySegment prefill(long[] ids) {
        return scheduler.prefill(this, ids);
    }

    @Override
    public MemorySegment step(long token) {
        return scheduler.step(this, token);
    }

    @Override
    public long runNanos() {
        return scheduler.runNanosOf(this);
    }

    @Override
    public long runCpuNanos() {
        return scheduler.runCpuNanosOf(this);
    }

    @Override
    public void terminate() {
        terminated = true;
        scheduler.wake(this);
    }

    @Override
    public boolean terminated() {
        return terminated;
    }

    @Override
    public void close() {
        scheduler.leave(this);
    }
}
