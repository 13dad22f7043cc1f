package org.jfoundry.ports.out;

import java.time.Instant;

/** All time the core reads goes through here, so lifecycle tests run instantly. */
public interface Clock {
    Instant now();

    /** Monotonic nanoseconds, for durations. */
    long nanoTime();
}
