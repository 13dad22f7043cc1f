package org.jfoundry.adapters.ort.runtime;

import java.util.Objects;

/**
 * How the process-wide environment is created.
 *
 * @param globalIntraOpThreads 0 together with {@code globalInterOpThreads} 0: no global pools, each session owns its
 *                             threads; otherwise sessions that ask for {@link SessionOptions#useGlobalThreadPools()}
 *                             share these pools
 */
public record EnvironmentOptions(LoggingLevel loggingLevel, String logId, int globalIntraOpThreads,
                                 int globalInterOpThreads) {
    public EnvironmentOptions {
        Objects.requireNonNull(loggingLevel, "loggingLevel");
        logId = logId == null || logId.isBlank() ? "jfoundry" : logId;
        if (globalIntraOpThreads < 0 || globalInterOpThreads < 0) {
            throw new IllegalArgumentException("thread counts must not be negative");
        }
    }

    public static EnvironmentOptions defaults() {
        return new EnvironmentOptions(LoggingLevel.WARNING, "jfoundry", 0, 0);
    }

    boolean hasGlobalThreadPools() {
        return globalIntraOpThreads > 0 || globalInterOpThreads > 0;
    }
}
