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
        long limit = limitFor(req.path().path(), this.limit);
        if (declared > limit) {
            errors.send(res, ErrorMapper.map(HttpFailure.bodyTooLarge(limit)));
            return;
        }
        chain.proceed();
    }

    /** Audio uploads may reach OpenAI's 25 MB file limit (plus the form around it) whatever the JSON limit is. */
    static long limitFor(String path, long configured) {
        return path.startsWith("/v1/audio/") ? Math.max(configured, AUDIO_BODY_LIMIT) : configured;
    }

    static final long AUDIO_BODY_LIMIT = org.jfoundry.ports.inference.TranscriptionRequest.MAX_AUDIO_BYTES + (1L << 20);

    private static long parse(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
