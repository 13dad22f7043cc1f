package org.jfoundry.adapters.rest;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jfoundry.ports.in.FoundryService;

/**
 * The OpenAI-compatible and Foundry Local REST API over the use cases: the adapter's public entry point.
 *
 * <pre>{@code
 * RunningServer server = RestServer.start(service, RestSettings.from(serviceSettings));
 * System.out.println(server.url());
 * }</pre>
 */
public final class RestServer {
    private RestServer() {
    }

    /** Binds and serves; /health reports ready as soon as the port is bound. */
    public static RunningServer start(FoundryService service, RestSettings settings) {
        return start(service, settings, Health.starting(), true);
    }

    /** Binds and serves with a health the caller marks ready (/health answers 503 until then). */
    public static RunningServer start(FoundryService service, RestSettings settings, Health health) {
        return start(service, settings, health, false);
    }

    private static RunningServer start(FoundryService service, RestSettings settings, Health health, boolean readyOnBind) {
        return start(service, settings, health, readyOnBind, ConnectionLimits.defaults());
    }

    static RunningServer start(FoundryService service, RestSettings settings, Health health, boolean readyOnBind,
                               ConnectionLimits limits) {
        AtomicReference<String> boundUrl = new AtomicReference<>();
        WebServer server = WebServer.builder()
                .host(settings.host())
                .port(settings.port())
                .shutdownHook(false)
                .maxTcpConnections(limits.maxConnections())
                .idleConnectionTimeout(limits.idleTimeout())
                .idleConnectionPeriod(limits.idleCheck())
                // A hard stop, refused before routing with the connection closed. It lies well above every route's
                // own limit so that an upload just over a limit gets BodySizeFilter's 413, after which Helidon reads
                // and discards the rest of the body: a client still sending then reads the answer, not a reset.
                .maxPayloadSize(BodySizeFilter.hardStop(settings.maxRequestBodyBytes()))
                .directHandlers(JsonDirectHandler.forAllEvents(settings.maxRequestBodyBytes()))
                // Lets a non-streamed request watch its own connection for a client that left (DisconnectWatch).
                .addProtocol(ConnectionCapture.http1Protocol())
                .routing(routing -> routing(routing, service, settings, health, () -> Optional.ofNullable(boundUrl.get())))
                .build()
                .start();
        boundUrl.set(url(settings.host(), server.port()));
        if (readyOnBind) {
            health.markReady();
        }
        return new RunningServer(server, boundUrl.get(), health, settings.host());
    }

    /** Every route, filter and error mapping, for the server above and for in-process tests. */
    public static void routing(HttpRouting.Builder routing, FoundryService service, RestSettings settings) {
        routing(routing, service, settings, Health.ready(), Optional::empty);
    }

    static void routing(HttpRouting.Builder routing, FoundryService service, RestSettings settings, Health health,
                        Supplier<Optional<String>> boundUrl) {
        Metrics metrics = new Metrics();
        ErrorMapper errors = new ErrorMapper(metrics);
        ApiContext ctx = new ApiContext(service, settings, metrics, errors, health, boundUrl);
        // Order matters: count everything, refuse foreign hosts and origins, answer preflights, then check the key and the size.
        routing.addFilter(new RequestMetricsFilter(metrics));
        routing.addFilter(health.activity());
        routing.addFilter(new ConnectionEndFilter(errors));
        if (HostAllowlistFilter.isLoopback(settings.host()) || !settings.allowedHosts().isEmpty()) {
            routing.addFilter(new HostAllowlistFilter(settings.allowedHosts(), errors));
        }
        routing.addFilter(new OriginGuardFilter(settings.corsOrigins(), errors));
        if (!settings.corsOrigins().isEmpty()) {
            routing.addFilter(new CorsFilter(settings.corsOrigins()));
        }
        if (settings.apiKey() != null) {
            routing.addFilter(new ApiKeyFilter(settings.apiKey(), errors));
        }
        routing.addFilter(new BodySizeFilter(settings.maxRequestBodyBytes(), errors));
        HttpService[] services = {new ChatCompletionsService(ctx), new CompletionsService(ctx),
                new EmbeddingsService(ctx), new ModelsService(ctx), new ManagementService(ctx),
                new CurrentServiceRoutes(ctx), new OperationsService(ctx), new ResponsesService(ctx),
                new TranscriptionsService(ctx)};
        routing.register(services);
        routing.any(new UnmatchedRequestHandler(RouteTable.of(services)));
        routing.error(Throwable.class, errors);
    }

    static String url(String host, int port) {
        String shown = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "http://" + shown + ":" + port;
    }
}
