package org.jfoundry.adapters.rest;

import io.helidon.common.uri.UriQuery;
import java.util.Set;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.inference.GenerationParameters;
import org.jfoundry.ports.inference.LoadOptions;
import org.jfoundry.ports.inference.ResponseFormat;

/** The request fields that chat and text completions share: sampling, streaming, and the ttl/ep extensions. */
final class SamplingParameters {
    static final Set<String> FIELDS = Set.of("max_tokens", "temperature", "top_p", "top_k", "stop", "seed", "random_seed",
            "presence_penalty", "frequency_penalty", "repetition_penalty", "stream", "stream_options", "n", "logit_bias",
            "user", "ttl", "ep");

    private SamplingParameters() {
    }

    static GenerationParameters read(BodyReader body, Integer maxTokens, ResponseFormat format) {
        Integer n = body.integer("n");
        if (n != null && n != 1) {
            throw new InvalidRequestException("n must be 1; this service generates one choice per request", "n");
        }
        var logitBias = body.object("logit_bias");
        body.refuseUnless("logit_bias", logitBias == null || logitBias.isEmpty(), "logit bias is not implemented");
        Long seed = body.longValue("seed");
        Long foundrySeed = body.longValue("random_seed");
        return new GenerationParameters(maxTokens, body.number("temperature"), body.number("top_p"), body.integer("top_k"),
                body.number("repetition_penalty"), body.number("presence_penalty"), body.number("frequency_penalty"),
                seed != null ? seed : foundrySeed, body.stringOrStrings("stop"), format);
    }

    /** {@code ttl} (seconds) and {@code ep} from the body, falling back to the query string as on {@code /openai/load}. */
    static LoadOptions loadOptions(BodyReader body, UriQuery query) {
        String ttl = body.has("ttl") ? body.node("ttl").asText() : query.first("ttl").orElse(null);
        if (body.has("ttl") && !(body.node("ttl").isIntegralNumber() || body.node("ttl").isTextual())) {
            throw new InvalidRequestException("ttl must be a whole number of seconds", "ttl");
        }
        String ep = body.has("ep") ? body.string("ep") : query.first("ep").orElse(null);
        return LoadOptions.fromQuery(ttl, null, ep);
    }

    /** Whether to stream, and whether a usage chunk was asked for; stream_options without stream is refused. */
    static Streaming streaming(BodyReader body) {
        boolean stream = body.bool("stream", false);
        BodyReader options = body.object("stream_options");
        if (options == null) {
            return new Streaming(stream, false);
        }
        if (!stream) {
            throw new InvalidRequestException("stream_options is only allowed when stream is true", "stream_options");
        }
        options.requireOnly(Set.of("include_usage", "include_obfuscation"));
        return new Streaming(true, options.bool("include_usage", false));
    }

    record Streaming(boolean stream, boolean includeUsage) {
    }
}
