package org.jfoundry.adapters.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.jfoundry.ports.out.ModelStore;
import org.jfoundry.ports.settings.ServiceSettings;

/**
 * What the composition root offers the commands: the service itself, run in this process, and the few outbound
 * adapters commands use directly. Implemented in {@code org.jfoundry.adapters.cli.boot}, so commands never see the
 * domain or another adapter.
 */
public interface ServiceHost {

    /** Starts the whole service (core, engines, REST) in this process; returns once it listens and is ready. */
    HostedService start(ServiceSettings settings);

    /**
     * Starts the service and returns as soon as it listens, while the engines and the core may still be starting:
     * {@code /health} answers 503 "starting" and other requests wait until {@link HostedService#awaitReady()} would
     * return. The background service uses this so that it can be found sooner.
     */
    default HostedService startListening(ServiceSettings settings) {
        return start(settings);
    }

    /** The model cache at that folder, for the cache commands (they work without the service). */
    ModelStore modelStore(Path cacheDirectory);

    /** Lines about the runtime for {@code service diag}: engines, their availability, execution providers. */
    List<String> describeRuntime(ServiceSettings settings);

    /** A service running in this process. */
    interface HostedService extends AutoCloseable {
        /** The bound URL, with the real port when the settings said 0. */
        URI url();

        /**
         * Returns once everything behind the API is up; throws what made the start-up fail (the service is then
         * closed). Immediate for a service that was ready when started.
         */
        default void awaitReady() {
        }

        /**
         * What a stop requested through the API ({@code POST /shutdown}, or the idle timeout) runs instead of closing
         * the service in place: the background service exits the way SIGTERM makes it exit.
         */
        default void onStopRequest(Runnable action) {
        }

        /**
         * Requests a stop (as {@code POST /shutdown} does) once no request has been in flight for that long; the
         * clock restarts with every request.
         */
        default void stopWhenIdleFor(java.time.Duration timeout) {
            throw new UnsupportedOperationException("this service cannot stop itself when idle");
        }

        /** Stops taking requests, lets in-flight ones finish or cancels them, unloads models. Idempotent. */
        @Override
        void close();
    }
}
