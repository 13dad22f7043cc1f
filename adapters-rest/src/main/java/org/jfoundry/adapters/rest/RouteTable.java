package org.jfoundry.adapters.rest;

import io.helidon.http.HttpPrologue;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRoute;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The routes the services declare, recorded once more beside Helidon's routing (which does not expose them), so a
 * request no route took can be told apart: a path some route serves with another method (405 with {@code Allow}) or
 * no such path at all (404).
 */
final class RouteTable implements HttpRules {
    private static final List<Method> METHODS = List.of(Method.GET, Method.POST, Method.PUT, Method.DELETE, Method.PATCH,
            Method.OPTIONS);

    private final List<HttpRoute> routes = new ArrayList<>();

    static RouteTable of(HttpService... services) {
        RouteTable table = new RouteTable();
        table.register(services);
        return table;
    }

    @Override
    public HttpRules register(HttpService... services) {
        for (HttpService service : services) {
            service.routing(this);
        }
        return this;
    }

    @Override
    public HttpRules register(String pathPattern, HttpService... services) {
        throw new UnsupportedOperationException("services under a path prefix are not recorded; register them at the root");
    }

    @Override
    public HttpRules route(HttpRoute route) {
        routes.add(route);
        return this;
    }

    /** The methods some route serves this request's path with, HEAD wherever GET is; empty: an unknown path. */
    Set<Method> allowedMethods(HttpPrologue request) {
        Set<Method> allowed = new LinkedHashSet<>();
        for (Method method : METHODS) {
            HttpPrologue probe = HttpPrologue.create(request.rawProtocol(), request.protocol(), request.protocolVersion(),
                    method, request.uriPath(), request.query(), request.fragment());
            if (routes.stream().anyMatch(route -> route.accepts(probe).accepted())) {
                allowed.add(method);
                if (method == Method.GET) {
                    allowed.add(Method.HEAD);
                }
            }
        }
        return allowed;
    }
}
