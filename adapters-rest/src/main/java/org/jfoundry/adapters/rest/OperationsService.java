package org.jfoundry.adapters.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code /health} for supervisors and {@code /metrics} in Prometheus text for scrapers. */
final class OperationsService implements HttpService {
    private final ApiContext ctx;

    OperationsService(ApiContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/health", this::health)
                .get("/metrics", this::metrics);
    }

    private void health(ServerRequest req, ServerResponse res) {
        ObjectNode answer = Json.object();
        answer.put("status", ctx.health().describe());
        res.status(ctx.health().isReady() ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503);
        Json.send(res, answer);
    }

    private void metrics(ServerRequest req, ServerResponse res) {
        String text = ctx.metrics().prometheusText(ctx.service().listLoaded());
        res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
        res.send(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
