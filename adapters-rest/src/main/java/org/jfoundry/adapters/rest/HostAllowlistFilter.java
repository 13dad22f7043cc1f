package org.jfoundry.adapters.rest;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses Host headers other than loopback names (and those configured) when the service listens on loopback only.
 * A web page can point a DNS name it controls at 127.0.0.1 (DNS rebinding); its requests then carry that name in
 * Host, which is how they are told apart from local clients.
 */
final class HostAllowlistFilter implements Filter {
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final Set<String> allowed;
    private final ErrorMapper errors;

    HostAllowlistFilter(List<String> extraHosts, ErrorMapper errors) {
        Set<String> names = new HashSet<>(LOOPBACK_NAMES);
        extraHosts.forEach(h -> names.add(h.toLowerCase(Locale.ROOT)));
        this.allowed = Set.copyOf(names);
        this.errors = errors;
    }

    static boolean isLoopback(String bindHost) {
        String host = bindHost.toLowerCase(Locale.ROOT);
        return LOOPBACK_NAMES.contains(host) || host.startsWith("127.");
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String host = req.headers().first(HeaderNames.HOST).orElse(null);
        // No Host header at all cannot come from a browser, so it cannot be a rebinding attack.
        if (host == null || allowed.contains(hostName(host))) {
            chain.proceed();
            return;
        }
        errors.send(res, ErrorMapper.map(HttpFailure.forbiddenHost(hostName(host))));
    }

    static String hostName(String hostHeader) {
        String value = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end > 0 ? value.substring(0, end + 1) : value;
        }
        int colon = value.lastIndexOf(':');
        return colon >= 0 && value.indexOf(':') == colon ? value.substring(0, colon) : value;
    }
}
