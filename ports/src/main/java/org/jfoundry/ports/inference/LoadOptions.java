package org.jfoundry.ports.inference;

import java.time.Duration;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.model.ExecutionProvider;

/**
 * How to load a model.
 *
 * @param ttl      idle time before the model unloads by itself; null: the service default; {@link Duration#ZERO}: never
 * @param provider an explicit execution provider; null: the device policy chooses
 */
public record LoadOptions(Duration ttl, ExecutionProvider provider) {
    public LoadOptions {
        if (ttl != null && ttl.isNegative()) {
            throw new InvalidRequestException("ttl must not be negative", "ttl");
        }
    }

    public static final LoadOptions DEFAULT = new LoadOptions(null, null);

    public static LoadOptions neverUnload() {
        return new LoadOptions(Duration.ZERO, null);
    }

    /** Reads the {@code ttl}, {@code unload} and {@code ep} parameters of the Foundry API. */
    public static LoadOptions fromQuery(String ttlSeconds, String unload, String ep) {
        Duration ttl = null;
        if (ttlSeconds != null && !ttlSeconds.isBlank()) {
            try {
                ttl = Duration.ofSeconds(Long.parseLong(ttlSeconds.trim()));
            } catch (NumberFormatException e) {
                throw new InvalidRequestException("ttl must be a whole number of seconds, got '" + ttlSeconds + "'", "ttl");
            }
        }
        if (unload != null && unload.equalsIgnoreCase("false")) {
            ttl = Duration.ZERO;
        }
        ExecutionProvider provider = ep == null || ep.isBlank() ? null : ExecutionProvider.parse(ep);
        return new LoadOptions(ttl, provider);
    }

    public boolean neverExpires() {
        return ttl != null && ttl.isZero();
    }
}
