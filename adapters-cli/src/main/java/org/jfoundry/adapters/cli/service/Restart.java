package org.jfoundry.adapters.cli.service;

import java.io.PrintWriter;
import org.jfoundry.adapters.cli.CliEnvironment;
import org.jfoundry.adapters.cli.Messages;

/** Stop then start, shared by {@code service restart}, {@code service set} and {@code cache cd}. */
public final class Restart {
    private Restart() {
    }

    public static void restart(CliEnvironment environment, PrintWriter out) {
        environment.service().stop()
                .ifPresent(endpoint -> out.println("🔴 Service is stopped (PID " + endpoint.pid() + ")."));
        out.println(Messages.started(environment.service().start().endpoint()));
    }

    /** Restarts only when the service runs, so a setting change takes effect; otherwise the next start reads it. */
    public static void restartIfRunning(CliEnvironment environment, PrintWriter out) {
        if (environment.service().running().isPresent()) {
            out.println("Restarting the service so the change takes effect...");
            restart(environment, out);
        }
    }
}
