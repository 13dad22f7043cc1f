package org.jfoundry.adapters.cli;

import java.io.PrintWriter;
import org.jfoundry.adapters.cli.client.ServiceClient;
import org.jfoundry.adapters.cli.console.Terminal;
import org.jfoundry.ports.out.SettingsStore;
import org.jfoundry.ports.settings.FoundryHome;

/** Everything commands depend on, handed to each by the picocli factory; tests pass fakes. */
public record CliEnvironment(FoundryHome home, SettingsStore settings, ServiceControl service, ServiceHost host,
                             Terminal terminal) {

    /** A client for the running service; fails with exit code 3 when it does not run. */
    public ServiceClient requireRunning() {
        return service.running().map(service::connect).orElseThrow(CommandFailure::serviceNotRunning);
    }

    /** A client for the service, starting it first when it does not run (as the original CLI does). */
    public ServiceClient startIfNeeded(PrintWriter out) {
        return service.running().map(service::connect).orElseGet(() -> {
            ServiceControl.StartOutcome started = service.start();
            if (!started.alreadyRunning()) {
                out.println(Messages.started(started.endpoint()));
                out.flush();
            }
            return service.connect(started.endpoint());
        });
    }
}
