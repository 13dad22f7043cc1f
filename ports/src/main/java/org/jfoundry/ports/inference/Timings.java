package org.jfoundry.ports.inference;

import java.time.Duration;

/**
 * How long a generation took. Measured once: an engine knows only its decode speed and reports {@link #decoding};
 * the core, where a request starts, measures the time to first token and the total around it (queueing and loading
 * included) and reports the whole, which is what the REST answers and metrics show.
 *
 * @param timeToFirstToken from the request's start at the core (queueing and loading included) to its first chunk of
 *                         text; zero in what an engine returns
 * @param total            from the same start to the end of generation; zero in what an engine returns
 * @param tokensPerSecond  completion tokens per second of decoding, after the first token (0 when fewer than two)
 */
public record Timings(Duration timeToFirstToken, Duration total, double tokensPerSecond) {
    public static final Timings NONE = new Timings(Duration.ZERO, Duration.ZERO, 0);

    /** What an engine reports: its decode speed alone. */
    public static Timings decoding(double tokensPerSecond) {
        return new Timings(Duration.ZERO, Duration.ZERO, tokensPerSecond);
    }
}
