package org.jfoundry.adapters.catalog;

import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.jfoundry.ports.failure.CancelledException;
import org.jfoundry.ports.inference.CancellationSignal;

/** Small text requests (catalog pages, listings) with retries for transient failures. */
final class HttpSupport {
    static final String USER_AGENT = "jfoundry";

    private final HttpClient client;
    private final Duration requestTimeout;
    private final int maxAttempts;
    private final Backoff backoff;

    HttpSupport(HttpClient client, Duration requestTimeout, int maxAttempts, Backoff backoff) {
        this.client = client;
        this.requestTimeout = requestTimeout;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
    }

    /** A client for these adapters; {@code proxy} null leaves the JDK's default proxy selection. */
    static HttpClient newClient(Duration connectTimeout, ProxySelector proxy) {
        // HTTP/1.1: parallel file downloads get separate connections, and plain-http mirrors need no h2c upgrade.
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL);
        if (proxy != null) {
            builder.proxy(proxy);
        }
        return builder.build();
    }

    HttpClient client() {
        return client;
    }

    Duration requestTimeout() {
        return requestTimeout;
    }

    /** The reply of a request answering 2xx, as text and headers; transient failures are retried. */
    HttpResponse<String> send(HttpRequest.Builder request, CancellationSignal cancel) throws IOException {
        HttpRequest built = request.timeout(requestTimeout).build();
        IOException last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            if (attempt > 1) {
                backoff.pause(attempt, last, cancel);
            }
            try {
                HttpResponse<String> response = sendOnce(built, cancel);
                if (response.statusCode() / 100 == 2) {
                    return response;
                }
                HttpStatusFailure failure = new HttpStatusFailure(built.uri(), response.statusCode(),
                        abbreviate(response.body()), response.headers());
                if (!failure.retryable()) {
                    throw failure;
                }
                last = failure;
            } catch (HttpStatusFailure permanent) {
                throw permanent;
            } catch (IOException transientFailure) {
                last = transientFailure;
            }
        }
        throw last;
    }

    HttpResponse<String> get(URI uri, Map<String, String> headers, CancellationSignal cancel) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().header("User-Agent", USER_AGENT);
        headers.forEach(request::setHeader);
        return send(request, cancel);
    }

    private HttpResponse<String> sendOnce(HttpRequest request, CancellationSignal cancel) throws IOException {
        CompletableFuture<HttpResponse<String>> future =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        Runnable unregister = cancel.onCancel(() -> future.cancel(true));
        try {
            return future.get();
        } catch (CancellationException e) {
            throw new CancelledException(cancel.reason() == null ? "cancelled" : cancel.reason());
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new CancelledException("interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
        } finally {
            unregister.run();
        }
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return null;
        }
        String line = body.strip().replaceAll("\\s+", " ");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
