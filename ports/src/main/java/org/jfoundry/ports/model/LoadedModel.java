package org.jfoundry.ports.model;

import java.time.Duration;
import java.time.Instant;

/**
 * A model held in memory by an engine.
 *
 * @param ttl       null when the model never unloads by itself
 * @param expiresAt when the TTL fires if nothing else happens; null while requests run or when there is no TTL
 */
public record LoadedModel(
        ModelId id,
        String alias,
        ExecutionProvider provider,
        String engine,
        Instant loadedAt,
        Instant lastUsedAt,
        Duration ttl,
        Instant expiresAt,
        int inFlightRequests,
        long estimatedBytes) {
}
