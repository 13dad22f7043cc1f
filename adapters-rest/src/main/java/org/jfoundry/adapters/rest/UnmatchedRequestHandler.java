package org.jfoundry.adapters.rest;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Answers what no route took: 405 with {@code Allow} for a known path, 404 otherwise. A HEAD request gets the status
 * and headers only; a HEAD on a GET route is answered 200 with no content (the routes' bodies are computed on demand,
 * and computing one to throw it away buys the client nothing).
 */
final class UnmatchedRequestHandler implements Handler {
    private final RouteTable routes;

    UnmatchedRequestHandler(RouteTable routes) {
        this.routes = routes;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        Method method = req.prologue().method();
        Set<Method> allowed = routes.allowedMethods(req.prologue());
        if (method == Method.HEAD) {
            res.status(allowed.contains(Method.HEAD) ? Status.OK_200
                    : allowed.isEmpty() ? Status.NOT_FOUND_404 : Status.METHOD_NOT_ALLOWED_405);
            if (!allowed.isEmpty() && !allowed.contains(Method.HEAD)) {
                res.header(HeaderNames.ALLOW, allow(allowed));
            }
            res.send();
            return;
        }
        if (allowed.isEmpty()) {
            throw HttpFailure.routeNotFound(method.text(), req.path().path());
        }
        res.header(HeaderNames.ALLOW, allow(allowed));
        throw HttpFailure.methodNotAllowed(method.text(), req.path().path(), allow(allowed));
    }

    private static String allow(Set<Method> allowed) {
        return allowed.stream().map(Method::text).collect(Collectors.joining(", "));
    }
}
