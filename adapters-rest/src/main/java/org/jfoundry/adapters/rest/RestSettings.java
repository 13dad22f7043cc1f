package org.jfoundry.adapters.rest;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jfoundry.ports.settings.ServiceSettings;

/**
 * What the REST adapter needs from the service settings.
 *
 * @param port                0 picks a free port; the URL actually bound is what {@code /openai/status} reports
 * @param apiKey              null or blank: no key is required
 * @param allowedHosts        extra Host header names accepted on a loopback bind (DNS-rebinding protection)
 * @param corsOrigins         origins allowed by CORS ({@code *} for any); empty: CORS off
 * @param heartbeat           how often a waiting stream sends a keep-alive comment, which also notices clients that left;
 *                            and how long a non-streamed request runs before its connection is watched for a client
 *                            that left
 */
public record RestSettings(String host, int port, String apiKey, long maxRequestBodyBytes, List<String> allowedHosts,
                           List<String> corsOrigins, Duration heartbeat) {
    public static final String API_KEY_VARIABLE = "FOUNDRY_API_KEY";
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(1);

    public RestSettings {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        if (maxRequestBodyBytes < 1) {
            throw new IllegalArgumentException("maxRequestBodyBytes must be positive");
        }
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
        corsOrigins = corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
        heartbeat = Objects.requireNonNullElse(heartbeat, DEFAULT_HEARTBEAT);
        if (!heartbeat.isPositive()) {
            throw new IllegalArgumentException("heartbeat must be positive");
        }
    }

    /** From the service settings, with the API key falling back to the {@code FOUNDRY_API_KEY} variable. */
    public static RestSettings from(ServiceSettings settings, Map<String, String> environment) {
        String key = settings.apiKey() != null && !settings.apiKey().isBlank()
                ? settings.apiKey() : environment.get(API_KEY_VARIABLE);
        return new RestSettings(settings.host(), settings.port(), key, settings.maxRequestBodyBytes(),
                settings.allowedHosts(), settings.corsOrigins(), DEFAULT_HEARTBEAT);
    }

    public static RestSettings from(ServiceSettings settings) {
        return from(settings, System.getenv());
    }

    /** Loopback defaults on a free port, for tests and embedding. */
    public static RestSettings loopback(int port) {
        return new RestSettings(ServiceSettings.DEFAULT_HOST, port, null, 16L << 20, List.of(), List.of(), DEFAULT_HEARTBEAT);
    }

    public RestSettings withApiKey(String newApiKey) {
        return new RestSettings(host, port, newApiKey, maxRequestBodyBytes, allowedHosts, corsOrigins, heartbeat);
    }

    public RestSettings withMaxRequestBodyBytes(long newLimit) {
        return new RestSettings(host, port, apiKey, newLimit, allowedHosts, corsOrigins, heartbeat);
    }

    public RestSettings withCorsOrigins(List<String> newOrigins) {
        return new RestSettings(host, port, apiKey, maxRequestBodyBytes, allowedHosts, newOrigins, heartbeat);
    }

    public RestSettings withAllowedHosts(List<String> newHosts) {
        return new RestSettings(host, port, apiKey, maxRequestBodyBytes, newHosts, corsOrigins, heartbeat);
    }

    public RestSettings withHeartbeat(Duration newHeartbeat) {
        return new RestSettings(host, port, apiKey, maxRequestBodyBytes, allowedHosts, corsOrigins, newHeartbeat);
    }

    public RestSettings withHost(String newHost) {
        return new RestSettings(newHost, port, apiKey, maxRequestBodyBytes, allowedHosts, corsOrigins, heartbeat);
    }
}
