package org.jfoundry.adapters.rest;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps web pages from driving the service. A browser names the page's origin in {@code Origin} on every cross-origin
 * request but a plain navigation or image load; those are told apart by {@code Sec-Fetch-Site}. So a request is refused
 * when its {@code Origin} is neither the service's own (the scheme and the Host it was reached by) nor configured in
 * {@code corsOrigins}; and the legacy state-changing GETs ({@code /openai/load}, {@code /openai/unload},
 * {@code /openai/unloadall}), which a page could fire with an image tag, are refused when a browser marks them
 * cross-site. SDKs and command-line clients send neither header, so they are unaffected.
 */
final class OriginGuardFilter implements Filter {
    static final HeaderName SEC_FETCH_SITE = HeaderNames.create("Sec-Fetch-Site");
    private static final List<String> STATE_CHANGING_GETS = List.of("/openai/load/", "/openai/unload/", "/openai/unloadall");
    /** What a browser says of a request a user made or a page of the service's own origin sent. */
    private static final Set<String> OWN_SITES = Set.of("same-origin", "none");

    private final List<String> configuredOrigins;
    private final ErrorMapper errors;

    OriginGuardFilter(List<String> configuredOrigins, ErrorMapper errors) {
        this.configuredOrigins = configuredOrigins.stream().map(o -> o.toLowerCase(Locale.ROOT)).toList();
        this.errors = errors;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String origin = req.headers().first(HeaderNames.ORIGIN).orElse(null);
        if (origin != null && !allowed(origin, req.headers().first(HeaderNames.HOST).orElse(null))) {
            errors.send(res, ErrorMapper.map(HttpFailure.forbiddenOrigin(origin)));
            return;
        }
        String site = req.headers().first(SEC_FETCH_SITE).map(s -> s.toLowerCase(Locale.ROOT)).orElse(null);
        if (site != null && !OWN_SITES.contains(site) && origin == null && isStateChangingGet(req)) {
            errors.send(res, ErrorMapper.map(HttpFailure.forbiddenOrigin(site + " page")));
            return;
        }
        chain.proceed();
    }

    private boolean allowed(String origin, String host) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        if (configuredOrigins.contains("*") || configuredOrigins.contains(o)) {
            return true;
        }
        // The service's own pages: same scheme and authority as the request itself (the Host guard vets the name).
        return host != null && o.equals("http://" + host.trim().toLowerCase(Locale.ROOT));
    }

    static boolean isStateChangingGet(RoutingRequest req) {
        if (req.prologue().method() != Method.GET && req.prologue().method() != Method.HEAD) {
            return false;
        }
        String path = req.path().path();
        return STATE_CHANGING_GETS.stream().anyMatch(path::startsWith);
    }
}
