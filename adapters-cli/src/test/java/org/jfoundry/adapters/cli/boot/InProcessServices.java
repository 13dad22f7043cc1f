package org.jfoundry.adapters.cli.boot;

import java.nio.file.Path;
import java.util.Map;
import org.jfoundry.adapters.cli.ServiceHost.HostedService;
import org.jfoundry.adapters.cli.settings.JsonSettingsStore;
import org.jfoundry.ports.settings.FoundryHome;

/** The whole service as the composition root assembles it, in this process, for tests outside this package. */
public final class InProcessServices {
    private InProcessServices() {
    }

    /** Starts the service of that foundry home (its settings.json), with none of the developer's environment. */
    public static HostedService start(Path home) {
        FoundryHome foundryHome = new FoundryHome(home);
        return new ServiceAssembly(foundryHome, Map.of(FoundryHome.ENVIRONMENT_VARIABLE, home.toString()))
                .start(new JsonSettingsStore(foundryHome).load());
    }
}
