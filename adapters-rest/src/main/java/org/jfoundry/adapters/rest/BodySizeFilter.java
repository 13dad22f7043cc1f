package org.jfoundry.adapters.rest;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Refuses a declared Content-Length over the limit before any of it is read. Chunked bodies of unknown length are
 * cut off by {@link LimitedInputStream} while they are read.
 */
final class BodySizeFilter implements Filter {
    private final long limit;
    private final ErrorMapper errors;

    BodySizeFilter(long limit, ErrorMapper errors) {
        this.limit = limit;
        this.errors = errors;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long declared = req.headers().first(HeaderNames.CONTENT_LENGTH).map(BodySizeFilter::parse).orElse(0L);
        if (declared > limit) {
            errors.send(res, ErrorMapper.map(HttpFailure.bodyTooLarge(limit)));
            return;
        }
        chain.proceed();
    }

    private static long parse(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
