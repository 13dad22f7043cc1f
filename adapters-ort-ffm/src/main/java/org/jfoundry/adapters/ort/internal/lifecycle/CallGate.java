package org.jfoundry.adapters.ort.internal.lifecycle;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The gate in front of one native resource: every use is {@link #enter()} ... {@link #exit()}, and the owner frees
 * the resource through {@link #close(Runnable)} (or {@link #shut()} then {@link #releaseWhenIdle(Runnable)}) only once
 * no call is in flight. Closing waits a bounded time: a call still in flight then frees the resource itself when it
 * leaves, so a close never hangs and never frees memory a call is using. Enter and exit allocate nothing.
 */
public final class CallGate {
    /** How long a close waits for calls in flight before it leaves the release to the last of them. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);

    private static final System.Logger LOG = System.getLogger(CallGate.class.getName());
    private static final int CLOSED = Integer.MIN_VALUE;

    private final String what;
    private final long waitNanos;
    /** Low bits: calls in flight; the sign bit: closed. */
    private final AtomicInteger state = new AtomicInteger();
    /** The release still to run: set by the closer, taken exactly once by the closer or by the last call out. */
    private final AtomicReference<Runnable> release = new AtomicReference<>();
    private volatile Thread waiter;
    private volatile boolean handedOver;

    public CallGate(String what) {
        this(what, DEFAULT_WAIT);
    }

    public CallGate(String what, Duration wait) {
        this.what = Objects.requireNonNull(what, "what");
        this.waitNanos = wait.toNanos();
    }

    /** Admits one call; throws {@link IllegalStateException} naming the resource once it is closed. */
    public void enter() {
        while (true) {
            int s = state.get();
            if (s < 0) {
                throw new IllegalStateException(what + " is already closed");
            }
            if (s == Integer.MAX_VALUE) {
                throw new IllegalStateException(what + " has too many calls in flight");
            }
            if (state.compareAndSet(s, s + 1)) {
                return;
            }
        }
    }

    /** Ends a call admitted by {@link #enter()}; the last call out of a closed gate wakes (or stands in for) the closer. */
    public void exit() {
        int s = state.decrementAndGet();
        if (s == -1 || s == Integer.MAX_VALUE) {
            state.incrementAndGet();
            throw new IllegalStateException("a call left " + what + " without entering it");
        }
        if (s == CLOSED) {
            Thread closer = waiter;
            if (closer != null) {
                LockSupport.unpark(closer);
            }
            if (handedOver) {
                runRelease();
            }
        }
    }

    public boolean isClosed() {
        return state.get() < 0;
    }

    /** The resource's name, as errors show it. */
    public String what() {
        return what;
    }

    /** Refuses new calls from now on; true for the one caller that closed the gate, false when it was closed. */
    public boolean shut() {
        while (true) {
            int s = state.get();
            if (s < 0) {
                return false;
            }
            if (state.compareAndSet(s, s | CLOSED)) {
                return true;
            }
        }
    }

    /** {@link #shut()}, then {@link #releaseWhenIdle}; false (and nothing run) when the gate was already closed. */
    public boolean close(Runnable release) {
        if (!shut()) {
            return false;
        }
        releaseWhenIdle(release);
        return true;
    }

    /**
     * After {@link #shut()}: waits for the calls in flight, up to this gate's wait, and runs {@code release}. Calls
     * still in flight then are logged, and the last of them runs {@code release} as it leaves. True when
     * {@code release} ran here.
     */
    public boolean releaseWhenIdle(Runnable release) {
        if (!isClosed()) {
            throw new IllegalStateException(what + " must be shut before it is released");
        }
        if (!this.release.compareAndSet(null, Objects.requireNonNull(release, "release"))) {
            throw new IllegalStateException(what + " has a release pending already");
        }
        waiter = Thread.currentThread();
        try {
            long deadline = System.nanoTime() + waitNanos;
            while (state.get() != CLOSED) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return handOver();
                }
                LockSupport.parkNanos(this, left);
            }
        } finally {
            waiter = null;
        }
        return runRelease();
    }

    /**
     * The closer stops waiting: the last call out releases, unless it left while the closer was deciding. A gate
     * that waits zero never blocks its closer, so it hands over without a warning.
     */
    private boolean handOver() {
        handedOver = true;
        if (state.get() == CLOSED) {
            return runRelease();
        }
        if (waitNanos > 0) {
            LOG.log(System.Logger.Level.WARNING, "{0}: {1} call(s) still in flight after {2} ms; the last one to return"
                    + " releases it", what, state.get() & ~CLOSED, waitNanos / 1_000_000);
        }
        return false;
    }

    private boolean runRelease() {
        Runnable pending = release.getAndSet(null);
        if (pending == null) {
            return false;
        }
        pending.run();
        return true;
    }

    /** In flight now (for diagnostics and tests). */
    public int callsInFlight() {
        return state.get() & ~CLOSED;
    }

    @Override
    public String toString() {
        return what;
    }
}
