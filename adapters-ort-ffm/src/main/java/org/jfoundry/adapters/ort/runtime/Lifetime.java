package org.jfoundry.adapters.ort.runtime;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Guards one native object: calls {@link #enter()} and {@link #exit()} around every use, and {@link #end()} lets the
 * owner release the object only once no call is in flight. Allocation-free, so it can sit on the hot run path.
 */
final class Lifetime {
    private static final int CLOSED = Integer.MIN_VALUE;

    private final String what;
    /** Low bits: calls in flight; the sign bit: closed. */
    private final AtomicInteger state = new AtomicInteger();

    Lifetime(String what) {
        this.what = what;
    }

    void enter() {
        while (true) {
            int s = state.get();
            if (s < 0) {
                throw new IllegalStateException(what + " is closed");
            }
            if (state.compareAndSet(s, s + 1)) {
                return;
            }
        }
    }

    void exit() {
        state.decrementAndGet();
    }

    boolean isClosed() {
        return state.get() < 0;
    }

    /** Marks the object closed and waits for calls in flight; false when it was already closed. */
    boolean end() {
        while (true) {
            int s = state.get();
            if (s < 0) {
                return false;
            }
            if (state.compareAndSet(s, s | CLOSED)) {
                break;
            }
        }
        while (state.get() != CLOSED) {
            LockSupport.parkNanos(50_000);
        }
        return true;
    }

    String what() {
        return what;
    }
}
