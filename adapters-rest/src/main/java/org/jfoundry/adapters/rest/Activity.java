package org.jfoundry.adapters.rest;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * When the API last did something, for the idle timeout: requests in flight, and when the last one ended. Probes
 * ({@code /health}, {@code /metrics}) do not count, so a monitor polling the service does not keep it alive.
 */
final class Activity implements Filter {
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile long lastEndNanos = System.nanoTime();

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.path().path();
        if (path.equals("/health") || path.equals("/metrics")) {
            chain.proceed();
            return;
        }
        inFlight.incrementAndGet();
        try {
            chain.proceed();
        } finally {
            lastEndNanos = System.nanoTime();
            inFlight.decrementAndGet();
        }
    }

    /** Nanoseconds without a request in flight; 0 while one is. */
    long idleNanos() {
        return inFlight.get() > 0 ? 0 : System.nanoTime() - lastEndNanos;
    }
}
