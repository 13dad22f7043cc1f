package org.jfoundry.adapters.cli;

import java.util.Optional;
import org.jfoundry.adapters.cli.client.ServiceClient;

/** Starts, finds and stops the background service process. */
public interface ServiceControl {

    /** The service when its record exists and it answers {@code /health}; never starts anything. */
    Optional<ServiceEndpoint> running();

    /** Starts the service in the background unless it runs; returns once it answers. */
    default StartOutcome start() {
        return start(StartOptions.NONE);
    }

    /** The same, with this run's port and idle timeout (a running service is left as it is). */
    StartOutcome start(StartOptions options);

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

    /**
     * What {@code server start --port N --idle-timeout M} asks of this one run, beside the settings file.
     *
     * @param port        null: the settings' port
     * @param idleTimeout null: never stop for idleness; else the service stops itself after that long without requests
     */
    record StartOptions(Integer port, java.time.Duration idleTimeout) {
        public static final StartOptions NONE = new StartOptions(null, null);

        public StartOptions {
            if (port != null && (port < 0 || port > 65535)) {
                throw new CommandFailure(ExitCode.USAGE, "--port must be between 0 and 65535, got " + port);
            }
            if (idleTimeout != null && !idleTimeout.isPositive()) {
                throw new CommandFailure(ExitCode.USAGE, "--idle-timeout must be positive");
            }
        }

        /** The same options for {@code service run}, the foreground service a background start launches. */
        public java.util.List<String> arguments() {
            java.util.List<String> arguments = new java.util.ArrayList<>();
            if (port != null) {
                arguments.addAll(java.util.List.of("--port", port.toString()));
            }
            if (idleTimeout != null) {
                arguments.addAll(java.util.List.of("--idle-timeout-seconds", Long.toString(idleTimeout.toSeconds())));
            }
            return arguments;
        }
    }

    /** @param alreadyRunning true when {@link #start()} found the service running and started nothing */
    record StartOutcome(ServiceEndpoint endpoint, boolean alreadyRunning) {
    }
}
