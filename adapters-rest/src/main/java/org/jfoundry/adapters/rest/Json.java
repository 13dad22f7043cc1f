package org.jfoundry.adapters.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Jackson in one place: reading request bodies within the size limit and writing JSON responses. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    static void send(ServerResponse res, JsonNode node) {
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(write(node).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Reads the body as a JSON object; more than {@code limit} bytes is a 413, broken JSON a 400, a declared type other
     * than JSON a 415 (a web page can send {@code text/plain} and form bodies cross-origin without asking first).
     */
    static ObjectNode readObject(ServerRequest req, long limit) {
        if (!req.content().hasEntity()) {
            throw HttpFailure.badJson("The request needs a JSON object body");
        }
        requireJsonContentType(req);
        JsonNode node;
        try (InputStream in = new LimitedInputStream(req.content().inputStream(), limit)) {
            node = MAPPER.readTree(in);
        } catch (LimitedInputStream.LimitExceeded e) {
            throw HttpFailure.bodyTooLarge(limit);
        } catch (JsonProcessingException e) {
            throw HttpFailure.badJson("The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("reading the request body failed", e);
        } catch (HttpFailure | io.helidon.http.HttpException | io.helidon.http.RequestException answeredAlready) {
            // Helidon's own failures (a chunked body over its payload limit is a 413) keep their status.
            throw answeredAlready;
        } catch (RuntimeException badFraming) {
            // Helidon reports a malformed chunked body while it is read, as an unchecked exception of its own.
            throw HttpFailure.badBody(badFraming.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw HttpFailure.badJson("The request body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /** No Content-Type at all is accepted: browsers always send one with a body, and some hand-written clients do not. */
    static void requireJsonContentType(ServerRequest req) {
        String declared = req.headers().first(HeaderNames.CONTENT_TYPE).orElse(null);
        if (declared == null) {
            return;
        }
        String mediaType = declared.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        if (!mediaType.equals("application/json") && !mediaType.endsWith("+json")) {
            throw HttpFailure.unsupportedMediaType(declared);
        }
    }
}
