package org.jfoundry.adapters.cli.boot;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.jfoundry.adapters.cli.CliEnvironment;
import org.jfoundry.adapters.cli.ServiceControl;
import org.jfoundry.adapters.cli.ServiceHost;
import org.jfoundry.adapters.cli.console.SystemTerminal;
import org.jfoundry.adapters.cli.foundry.FoundryCli;
import org.jfoundry.adapters.cli.service.BackgroundService;
import org.jfoundry.adapters.cli.service.JavaCommand;
import org.jfoundry.adapters.cli.service.StatusReport;
import org.jfoundry.adapters.cli.settings.JsonSettingsStore;
import org.jfoundry.adapters.rest.RestSettings;
import org.jfoundry.ports.out.ModelStore;
import org.jfoundry.ports.settings.FoundryHome;
import org.jfoundry.ports.settings.ServiceSettings;

/**
 * The {@code foundry} process: the composition root. It builds the command line over the real environment; the
 * service's own parts (core, engines, REST) are assembled by {@link ServiceAssembly} only when a command needs them,
 * and {@code foundry service status} is answered before even the command line is built.
 */
public final class Main {
    /** A local catalog file the service uses instead of the online catalog; read when the service starts. */
    private static final String CATALOG_VARIABLE = "FOUNDRY_CATALOG";
    private Main() {
    }

    public static void main(String[] args) {
        FoundryHome home = FoundryHome.fromEnvironment();
        ServiceControl service = new BackgroundService(home,
                () -> JavaCommand.forMainClass(Main.class.getName(), "service", "run"), () -> apiKey(home));
        if (StatusReport.isQuickStatus(args)) {
            // SDKs poll this in a loop: answer before picocli or anything else is loaded.
            System.exit(StatusReport.print(service, FoundryCli.standardOutput(), StatusReport.wantsJson(args)));
        }
        System.exit(FoundryCli.run(environment(home, service), args));
    }

    static CliEnvironment environment(FoundryHome home, ServiceControl service) {
        return environment(home, service, System.getenv(CATALOG_VARIABLE));
    }

    static CliEnvironment environment(FoundryHome home, ServiceControl service, String catalogVariable) {
        return new CliEnvironment(home, new JsonSettingsStore(home), service,
                new LazyServiceHost(() -> new ServiceAssembly(home, System.getenv())), new SystemTerminal(),
                catalogVariable);
    }

    /** The key the service requires, with the precedence the REST adapter gives it: settings, then environment. */
    private static String apiKey(FoundryHome home) {
        String configured = new JsonSettingsStore(home).load().apiKey();
        return configured != null && !configured.isBlank() ? configured : System.getenv(RestSettings.API_KEY_VARIABLE);
    }

    /** Defers creating the assembly (and loading its classes) to the first command that uses it. */
    private record LazyServiceHost(Supplier<ServiceHost> factory) implements ServiceHost {
        @Override
        public HostedService start(ServiceSettings settings) {
            return factory.get().start(settings);
        }

        @Override
        public HostedService startListening(ServiceSettings settings) {
            return factory.get().startListening(settings);
        }

        @Override
        public ModelStore modelStore(Path cacheDirectory) {
            return factory.get().modelStore(cacheDirectory);
        }

        @Override
        public List<String> describeRuntime(ServiceSettings settings) {
            return factory.get().describeRuntime(settings);
        }
    }
}
