package org.jfoundry.adapters.rest;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jfoundry.ports.inference.Completion;
import org.jfoundry.ports.model.LoadedModel;

/**
 * The service's counters, written as Prometheus text (exposition format 0.0.4). Hand-written, because the handful of
 * series here does not justify a metrics library; every update is lock-free.
 */
final class Metrics {
    private static final double[] TTFT_BUCKETS = {0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
    private static final double[] TOKENS_PER_SECOND_BUCKETS = {1, 2, 5, 10, 20, 50, 100, 200, 500};

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final AtomicLong waiting = new AtomicLong();
    private final AtomicLong generating = new AtomicLong();
    private final LongAdder clientsGone = new LongAdder();
    private final LongAdder promptTokens = new LongAdder();
    private final LongAdder completionTokens = new LongAdder();
    private final Histogram timeToFirstToken = new Histogram(TTFT_BUCKETS);
    private final Histogram tokensPerSecond = new Histogram(TOKENS_PER_SECOND_BUCKETS);

    void request(String method, String route, int status) {
        requests.computeIfAbsent("method=\"" + method + "\",route=\"" + route + "\",status=\"" + status + "\"",
                k -> new LongAdder()).increment();
    }

    void error(ApiError error) {
        errors.computeIfAbsent("status=\"" + error.status() + "\",type=\"" + error.type() + "\"", k -> new LongAdder())
                .increment();
    }

    void clientGone() {
        clientsGone.increment();
    }

    /** A generation request was accepted and waits for its first token (queued, loading, or reading the prompt). */
    void waitingStarted() {
        waiting.incrementAndGet();
    }

    void firstToken() {
        waiting.decrementAndGet();
        generating.incrementAndGet();
    }

    void generationEnded(boolean hadFirstToken) {
        (hadFirstToken ? generating : waiting).decrementAndGet();
    }

    void completed(Completion completion) {
        promptTokens.add(completion.usage().promptTokens());
        completionTokens.add(completion.usage().completionTokens());
        if (completion.timings().total().isPositive()) {
            timeToFirstToken.observe(completion.timings().timeToFirstToken().toNanos() / 1e9);
            if (completion.timings().tokensPerSecond() > 0) {
                tokensPerSecond.observe(completion.timings().tokensPerSecond());
            }
        }
    }

    void embedded(int tokens) {
        promptTokens.add(tokens);
    }

    String prometheusText(List<LoadedModel> loaded) {
        StringBuilder out = new StringBuilder();
        counterFamily(out, "jfoundry_http_requests_total", "HTTP requests answered, by route and status", requests);
        counterFamily(out, "jfoundry_http_errors_total", "Error responses and stream error events, by status and type",
                errors);
        gauge(out, "jfoundry_requests_waiting",
                "Generation requests waiting for their first token: queued, loading the model or reading the prompt",
                waiting.get());
        gauge(out, "jfoundry_requests_generating", "Generation requests producing tokens", generating.get());
        gauge(out, "jfoundry_loaded_models", "Models loaded now", loaded.size());
        out.append("# HELP jfoundry_model_requests_in_flight Requests running or queued on each loaded model\n");
        out.append("# TYPE jfoundry_model_requests_in_flight gauge\n");
        loaded.stream().sorted(java.util.Comparator.comparing(LoadedModel::id)).forEach(model ->
                out.append("jfoundry_model_requests_in_flight{model=\"").append(labelValue(model.id().toString())).append("\"} ")
                        .append(model.inFlightRequests()).append('\n'));
        counter(out, "jfoundry_client_disconnects_total", "Requests whose client went away before the answer ended",
                clientsGone.sum());
        counter(out, "jfoundry_prompt_tokens_total", "Prompt tokens read by completions and embeddings",
                promptTokens.sum());
        counter(out, "jfoundry_tokens_generated_total", "Completion tokens generated", completionTokens.sum());
        timeToFirstToken.write(out, "jfoundry_time_to_first_token_seconds",
                "From the request's arrival to its first token, queueing and loading included");
        tokensPerSecond.write(out, "jfoundry_tokens_per_second", "Decoding speed of each finished completion");
        return out.toString();
    }

    /** Prometheus label values escape backslash, quote and newline. */
    private static String labelValue(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static void counterFamily(StringBuilder out, String name, String help, Map<String, LongAdder> series) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" counter\n");
        series.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                out.append(name).append('{').append(e.getKey()).append("} ").append(e.getValue().sum()).append('\n'));
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" counter\n");
        out.append(name).append(' ').append(value).append('\n');
    }

    private static void gauge(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n");
        out.append(name).append(' ').append(value).append('\n');
    }

    /** A cumulative histogram with fixed buckets, enough for rates and quantile estimates in Prometheus. */
    private static final class Histogram {
        private final double[] bounds;
        private final LongAdder[] counts;
        private final LongAdder count = new LongAdder();
        private final java.util.concurrent.atomic.DoubleAdder sum = new java.util.concurrent.atomic.DoubleAdder();

        Histogram(double[] bounds) {
            this.bounds = bounds.clone();
            this.counts = new LongAdder[bounds.length];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = new LongAdder();
            }
        }

        void observe(double value) {
            for (int i = 0; i < bounds.length; i++) {
                if (value <= bounds[i]) {
                    counts[i].increment();
                }
            }
            count.increment();
            sum.add(value);
        }

        void write(StringBuilder out, String name, String help) {
            out.append("# HELP ").append(name).append(' ').append(help).append('\n');
            out.append("# TYPE ").append(name).append(" histogram\n");
            for (int i = 0; i < bounds.length; i++) {
                out.append(name).append("_bucket{le=\"").append(format(bounds[i])).append("\"} ")
                        .append(counts[i].sum()).append('\n');
            }
            out.append(name).append("_bucket{le=\"+Inf\"} ").append(count.sum()).append('\n');
            out.append(name).append("_sum ").append(format(sum.sum())).append('\n');
            out.append(name).append("_count ").append(count.sum()).append('\n');
        }

        private static String format(double value) {
            return value == Math.rint(value) && Math.abs(value) < 1e15
                    ? Long.toString((long) value) + ".0" : String.format(Locale.ROOT, "%s", value);
        }
    }
}
