package org.jfoundry.adapters.rest;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.List;

/** Counts every answered request by route pattern (never the raw path, which would make unbounded series). */
final class RequestMetricsFilter implements Filter {
    private static final List<String> EXACT = List.of("/v1/chat/completions", "/v1/chat/completions/tokenizer/encode/count",
            "/v1/completions", "/v1/embeddings", "/v1/models", "/foundry/list", "/openai/models", "/openai/loadedmodels",
            "/openai/unloadall", "/openai/download", "/foundry/import", "/openai/status", "/health", "/metrics");
    private static final List<String> WITH_NAME = List.of("/v1/models/", "/openai/load/", "/openai/unload/");

    private final Metrics metrics;

    RequestMetricsFilter(Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        try {
            chain.proceed();
        } finally {
            metrics.request(req.prologue().method().text(), route(req.path().path()), res.status().code());
        }
    }

    static String route(String path) {
        if (EXACT.contains(path)) {
            return path;
        }
        for (String prefix : WITH_NAME) {
            if (path.startsWith(prefix)) {
                return prefix + "{name}";
            }
        }
        return "other";
    }
}
