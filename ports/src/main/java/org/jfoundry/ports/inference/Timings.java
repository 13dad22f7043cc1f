package org.jfoundry.ports.inference;

import java.time.Duration;

/**
 * How long a generation took.
 *
 * @param timeToFirstToken from the start of the request (queueing and loading included) to the first token
 * @param tokensPerSecond  completion tokens per second of decoding, after the first token
 */
public record Timings(Duration timeToFirstToken, Duration total, double tokensPerSecond) {
    public static final Timings NONE = new Timings(Duration.ZERO, Duration.ZERO, 0);
}
