package org.jfoundry.adapters.rest;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * How many connections the listener keeps and how long an idle one lives. Past the cap, new connections wait in the
 * kernel's backlog instead of being accepted, so file descriptors cannot run out (Helidon's listener stops for good
 * when {@code accept} fails with "Too many open files").
 *
 * @param maxConnections connections open at once; more wait until one closes
 * @param idleTimeout    how long a connection may wait for its next request
 * @param idleCheck      how often idle connections are looked for (Helidon's default is 2 minutes)
 */
record ConnectionLimits(int maxConnections, Duration idleTimeout, Duration idleCheck) {
    private static final long UNKNOWN_DESCRIPTOR_LIMIT = 2048;

    /** Leaves half the process's descriptors for model files, logs and downloads. */
    static ConnectionLimits defaults() {
        return new ConnectionLimits((int) Math.max(16, Math.min(1024, descriptorLimit() / 2)), Duration.ofSeconds(30),
                Duration.ofSeconds(5));
    }

    ConnectionLimits {
        if (maxConnections < 1 || !idleTimeout.isPositive() || !idleCheck.isPositive()) {
            throw new IllegalArgumentException("connection limits must be positive");
        }
    }

    /** Read through JMX by name, as the typed bean is the JDK-internal {@code com.sun.management} one. */
    private static long descriptorLimit() {
        try {
            Object limit = ManagementFactory.getPlatformMBeanServer().getAttribute(
                    new ObjectName("java.lang:type=OperatingSystem"), "MaxFileDescriptorCount");
            return limit instanceof Long value && value > 0 ? value : UNKNOWN_DESCRIPTOR_LIMIT;
        } catch (JMException | RuntimeException notOnThisPlatform) {
            return UNKNOWN_DESCRIPTOR_LIMIT;
        }
    }
}
