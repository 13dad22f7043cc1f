package org.jfoundry.adapters.rest;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

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
            discardBody(req);
            return;
        }
        chain.proceed();
    }

    /** Audio uploads may reach OpenAI's 25 MB file limit (plus the form around it) whatever the JSON limit is. */
    static long limitFor(String path, long configured) {
        return path.startsWith("/v1/audio/") ? Math.max(configured, AUDIO_BODY_LIMIT) : configured;
    }

    /**
     * Reads the refused body to its declared end (Helidon refused anything past {@link #hardStop} already), so a client
     * still sending it reads the 413 instead of a connection reset, and the connection stays usable.
     */
    private static void discardBody(RoutingRequest req) {
        try (InputStream body = req.content().inputStream()) {
            body.transferTo(OutputStream.nullOutputStream());
        } catch (IOException | RuntimeException e) {
            // The client stopped sending; ConnectionEndFilter closes the connection as the body was not read.
        }
    }

    /** Past every route's limit by as much as the service will read and discard to deliver a 413 cleanly. */
    static long hardStop(long configured) {
        return Math.max(configured, AUDIO_BODY_LIMIT) + DISCARDED_AFTER_REFUSAL;
    }

    private static final long DISCARDED_AFTER_REFUSAL = 64L << 20;

    static final long AUDIO_BODY_LIMIT = org.jfoundry.ports.inference.TranscriptionRequest.MAX_AUDIO_BYTES + (1L << 20);

    private static long parse(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
