package org.jfoundry.adapters.rest;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /v1/audio/transcriptions}: a {@code multipart/form-data} upload of audio, answered in the asked
 * {@code response_format} (json, text, srt, verbose_json, vtt).
 */
final class TranscriptionsService implements HttpService {
    private final ApiContext ctx;

    TranscriptionsService(ApiContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/v1/audio/transcriptions", this::transcribe);
    }

    private void transcribe(ServerRequest req, ServerResponse res) {
        String contentType = req.headers().first(HeaderNames.CONTENT_TYPE).orElse(null);
        String boundary = MultipartForm.boundary(contentType).orElseThrow(() -> HttpFailure.badRequest(
                "The request must be multipart/form-data with the audio in a field named file"));
        TranscriptionRequests.Call call = TranscriptionRequests.read(MultipartForm.parse(body(req), boundary));
        WholeAnswer.send(ctx, req, res,
                cancel -> call.format().render(ctx.service().transcribe(call.request(), cancel)),
                (response, text) -> {
                    response.header(HeaderNames.CONTENT_TYPE, call.format().contentType);
                    response.send(text.getBytes(StandardCharsets.UTF_8));
                });
    }

    private byte[] body(ServerRequest req) {
        long limit = BodySizeFilter.limitFor(req.path().path(), ctx.settings().maxRequestBodyBytes());
        if (!req.content().hasEntity()) {
            throw HttpFailure.badRequest("The request has no body; send the audio as multipart/form-data");
        }
        try (InputStream in = new LimitedInputStream(req.content().inputStream(), limit)) {
            return in.readAllBytes();
        } catch (LimitedInputStream.LimitExceeded e) {
            throw HttpFailure.bodyTooLarge(limit);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the request body failed", e);
        }
    }
}
