package org.jfoundry.adapters.rest;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** When a key is configured, every route needs {@code Authorization: Bearer <key>} (or {@code api-key: <key>}). */
final class ApiKeyFilter implements Filter {
    private static final String BEARER = "bearer ";

    private final byte[] key;
    private final ErrorMapper errors;

    ApiKeyFilter(String key, ErrorMapper errors) {
        this.key = key.getBytes(StandardCharsets.UTF_8);
        this.errors = errors;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String presented = req.headers().first(HeaderNames.AUTHORIZATION)
                .filter(v -> v.regionMatches(true, 0, BEARER, 0, BEARER.length()))
                .map(v -> v.substring(BEARER.length()).trim())
                .or(() -> req.headers().first(HeaderNames.create("api-key")))
                .orElse(null);
        // Constant-time comparison, so the key cannot be guessed byte by byte from response times.
        if (presented != null && MessageDigest.isEqual(key, presented.getBytes(StandardCharsets.UTF_8))) {
            chain.proceed();
            return;
        }
        res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer");
        errors.send(res, ErrorMapper.map(HttpFailure.unauthorized()));
    }
}
