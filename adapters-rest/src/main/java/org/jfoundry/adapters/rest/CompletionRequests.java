package org.jfoundry.adapters.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.common.uri.UriQuery;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.inference.ResponseFormat;
import org.jfoundry.ports.inference.TextCompletionRequest;

/** Reads a {@code /v1/completions} body: one prompt, continued as it is. */
final class CompletionRequests {
    private static final Set<String> FIELDS;

    static {
        Set<String> fields = new HashSet<>(SamplingParameters.FIELDS);
        fields.addAll(Set.of("model", "prompt", "logprobs", "echo", "best_of", "suffix"));
        FIELDS = Set.copyOf(fields);
    }

    record CompletionCall(TextCompletionRequest request, SamplingParameters.Streaming streaming) {
    }

    private CompletionRequests() {
    }

    static CompletionCall read(ObjectNode json, UriQuery query) {
        BodyReader body = new BodyReader(json);
        body.requireOnly(FIELDS);
        body.refuseUnless("logprobs", false, "log probabilities are not returned yet");
        body.refuseUnless("echo", !body.bool("echo", false), "echoing the prompt is not implemented");
        Integer bestOf = body.integer("best_of");
        body.refuseUnless("best_of", bestOf != null && bestOf == 1, "one completion is generated per request");
        body.refuseUnless("suffix", false, "insertion (suffix) is not implemented");
        if (!body.has("prompt")) {
            throw new InvalidRequestException("prompt is required", "prompt");
        }
        List<String> prompts = body.stringOrStrings("prompt");
        if (prompts.size() != 1) {
            throw new InvalidRequestException("prompt must be one string; batches of prompts are not supported", "prompt");
        }
        var parameters = SamplingParameters.read(body, body.integer("max_tokens"), ResponseFormat.TEXT);
        var streaming = SamplingParameters.streaming(body);
        var request = new TextCompletionRequest(body.requiredString("model"), prompts.getFirst(), parameters,
                SamplingParameters.loadOptions(body, query));
        return new CompletionCall(request, streaming);
    }
}
