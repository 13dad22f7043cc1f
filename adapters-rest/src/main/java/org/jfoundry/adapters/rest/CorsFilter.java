package org.jfoundry.adapters.rest;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.List;

/** CORS for the configured origins only; installed only when some origin is configured, so it is off by default. */
final class CorsFilter implements Filter {
    private final List<String> origins;

    CorsFilter(List<String> origins) {
        this.origins = List.copyOf(origins);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String origin = req.headers().first(HeaderNames.ORIGIN).orElse(null);
        if (origin == null || !(origins.contains("*") || origins.contains(origin))) {
            chain.proceed();
            return;
        }
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origins.contains("*") ? "*" : origin);
        res.header(HeaderNames.VARY, "Origin");
        boolean preflight = req.prologue().method() == Method.OPTIONS
                && req.headers().contains(HeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
        if (!preflight) {
            chain.proceed();
            return;
        }
        // Browsers send no credentials on a preflight, so it is answered before the API key check.
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, OPTIONS");
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, req.headers()
                .first(HeaderNames.ACCESS_CONTROL_REQUEST_HEADERS).orElse("authorization, content-type"));
        res.header(HeaderNames.ACCESS_CONTROL_MAX_AGE, "600");
        res.status(Status.NO_CONTENT_204).send();
    }
}
