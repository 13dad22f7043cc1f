package org.jfoundry.adapters.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.common.uri.UriQuery;
import java.util.Set;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.inference.EmbeddingRequest;

/** Reads a {@code /v1/embeddings} body: texts in, and whether vectors go out as float arrays or base64. */
final class EmbeddingRequests {
    private static final Set<String> FIELDS = Set.of("model", "input", "encoding_format", "dimensions", "user", "ttl", "ep");

    record EmbeddingCall(EmbeddingRequest request, boolean base64) {
    }

    private EmbeddingRequests() {
    }

    static EmbeddingCall read(ObjectNode json, UriQuery query) {
        BodyReader body = new BodyReader(json);
        body.requireOnly(FIELDS);
        body.refuseUnless("dimensions", false, "the model's own dimension is always used");
        String format = body.string("encoding_format");
        boolean base64;
        if (format == null || format.equals("float")) {
            base64 = false;
        } else if (format.equals("base64")) {
            base64 = true;
        } else {
            throw new InvalidRequestException("encoding_format must be float or base64, got '" + format + "'",
                    "encoding_format");
        }
        if (!body.has("input")) {
            throw new InvalidRequestException("input is required", "input");
        }
        if (body.node("input").isArray() && !body.node("input").isEmpty() && body.node("input").get(0).isNumber()) {
            throw new InvalidRequestException("input as token ids is not supported; send text", "input");
        }
        var request = new EmbeddingRequest(body.requiredString("model"), body.stringOrStrings("input"),
                SamplingParameters.loadOptions(body, query));
        return new EmbeddingCall(request, base64);
    }
}
