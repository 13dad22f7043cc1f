package org.jfoundry.adapters.cli;

import java.io.PrintWriter;
import java.util.Optional;
import org.jfoundry.adapters.cli.client.ServiceClient;
import org.jfoundry.adapters.cli.console.Terminal;
import org.jfoundry.ports.out.SettingsStore;
import org.jfoundry.ports.settings.FoundryHome;

/**
 * Everything commands depend on, handed to each by the picocli factory; tests pass fakes.
 *
 * @param catalogVariable this process's {@code FOUNDRY_CATALOG} ("" for none): the service reads it when it starts
 */
public record CliEnvironment(FoundryHome home, SettingsStore settings, ServiceControl service, ServiceHost host,
                             Terminal terminal, String catalogVariable) {

    public CliEnvironment {
        catalogVariable = catalogVariable == null ? "" : catalogVariable.strip();
    }

    /** A client for the running service; fails with exit code 3 when it does not run. */
    public ServiceClient requireRunning() {
        return service.running().map(service::connect).orElseThrow(CommandFailure::serviceNotRunning);
    }

    /**
     * A client for the service, starting it first when it does not run (as the original CLI does). A service that
     * started with another {@code FOUNDRY_CATALOG} than this command has is restarted, so that it reads the new one
     * (the variable is read when the service starts, and a user who exported it expects it to count).
     */
    public ServiceClient startIfNeeded(PrintWriter out) {
        Optional<ServiceEndpoint> running = service.running();
        Optional<String> otherCatalog = running.flatMap(service::catalogVariableOf)
                .filter(startedWith -> !startedWith.equals(catalogVariable));
        if (otherCatalog.isPresent()) {
            out.println(Messages.catalogVariableChanged(otherCatalog.get(), catalogVariable));
            out.flush();
            service.stop();
            running = Optional.empty();
        }
        return running.map(service::connect).orElseGet(() -> {
            ServiceControl.StartOutcome started = service.start();
            if (!started.alreadyRunning()) {
                out.println(Messages.started(started.endpoint()));
                out.flush();
            }
            return service.connect(started.endpoint());
        });
    }
}
