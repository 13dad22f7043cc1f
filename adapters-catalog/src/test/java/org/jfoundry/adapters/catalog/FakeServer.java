package org.jfoundry.adapters.catalog;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local HTTP server for the tests: routes by path (a route also covers the paths below it), records every request, and serves files the way blob
 * storage and the Hugging Face Hub do (Range requests, 206/416), with knobs to drop, fail or stall a file.
 */
final class FakeServer implements AutoCloseable {
    record Request(String method, URI uri, Map<String, List<String>> headers, String body) {
        String header(String name) {
            for (var entry : headers.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name)) {
                    return entry.getValue().getFirst();
                }
            }
            return null;
        }
    }

    @FunctionalInterface
    interface Handler {
        void handle(HttpExchange exchange, String body) throws IOException;
    }

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Handler> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    /** Released when the test ends, so that stalled handlers finish. */
    final CountDownLatch released = new CountDownLatch(1);

    FakeServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI(),
                    Map.copyOf(exchange.getRequestHeaders()), body));
            String path = exchange.getRequestURI().getPath();
            Handler handler = routes.entrySet().stream()
                    .filter(route -> covers(route.getKey(), path))
                    .max((a, b) -> Integer.compare(a.getKey().length(), b.getKey().length()))
                    .map(Map.Entry::getValue).orElse(null);
            try {
                if (handler == null) {
                    send(exchange, 404, "text/plain", "no route for " + path);
                } else {
                    handler.handle(exchange, body);
                }
            } catch (IOException | RuntimeException e) {
                // the client went away or the handler dropped the connection on purpose
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** A route covers its own path and, as a folder, everything below it. */
    private static boolean covers(String route, String path) {
        return path.equals(route) || path.startsWith(route.endsWith("/") ? route : route + "/");
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void route(String pathPrefix, Handler handler) {
        routes.put(pathPrefix, handler);
    }

    /** Serves the bytes at this path, honouring Range. */
    void file(String path, byte[] content) {
        route(path, (exchange, body) -> {
            if (!exchange.getRequestURI().getPath().equals(path)) {
                send(exchange, 404, "text/plain", "not found");
                return;
            }
            serveRange(exchange, content);
        });
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requestsTo(String path) {
        return requests.stream().filter(r -> r.uri().getPath().equals(path)).toList();
    }

    static void serveRange(HttpExchange exchange, byte[] content) throws IOException {
        String range = exchange.getRequestHeaders().getFirst("Range");
        int start = 0;
        if (range != null) {
            Matcher matcher = RANGE.matcher(range);
            if (matcher.find()) {
                start = Integer.parseInt(matcher.group(1));
            }
            if (start >= content.length) {
                exchange.getResponseHeaders().set("Content-Range", "bytes */" + content.length);
                exchange.sendResponseHeaders(416, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Range",
                    "bytes " + start + "-" + (content.length - 1) + "/" + content.length);
        }
        exchange.sendResponseHeaders(range == null ? 200 : 206, content.length - start);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(content, start, content.length - start);
        }
    }

    /** Announces the whole file, sends only the first {@code bytes}, then drops the connection. */
    static void sendPartThenDrop(HttpExchange exchange, byte[] content, int bytes) throws IOException {
        exchange.sendResponseHeaders(200, content.length);
        OutputStream out = exchange.getResponseBody();
        out.write(content, 0, bytes);
        out.flush();
        throw new IOException("dropping the connection on purpose");
    }

    /** Sends headers and a few bytes, then waits until the test ends. */
    void stall(HttpExchange exchange, byte[] content) throws IOException {
        exchange.sendResponseHeaders(200, content.length);
        OutputStream out = exchange.getResponseBody();
        out.write(content, 0, Math.min(10, content.length));
        out.flush();
        try {
            released.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IOException("stalled on purpose");
    }

    static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    void stop() {
        released.countDown();
        server.stop(0);
    }

    @Override
    public void close() {
        stop();
        executor.shutdownNow();
    }
}
