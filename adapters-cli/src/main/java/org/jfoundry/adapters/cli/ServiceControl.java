package org.jfoundry.adapters.cli;

import java.util.Optional;
import org.jfoundry.adapters.cli.client.ServiceClient;

/** Starts, finds and stops the background service process. */
public interface ServiceControl {

    /** The service when its record exists and it answers {@code /health}; never starts anything. */
    Optional<ServiceEndpoint> running();

    /** Starts the service in the background unless it runs; returns once it answers. */
    StartOutcome start();

    /** Stops the service gracefully; returns what was stopped, or empty when it was not running. */
    Optional<ServiceEndpoint> stop();

    /**
     * The {@code FOUNDRY_CATALOG} the running service at that endpoint started with ("" for none); empty when unknown.
     */
    default Optional<String> catalogVariableOf(ServiceEndpoint endpoint) {
        return Optional.empty();
    }

    /** A client for the service at that endpoint. */
    ServiceClient connect(ServiceEndpoint endpoint);

    /** @param alreadyRunning true when {@link #start()} found the service running and started nothing */
    record StartOutcome(ServiceEndpoint endpoint, boolean alreadyRunning) {
    }
}
