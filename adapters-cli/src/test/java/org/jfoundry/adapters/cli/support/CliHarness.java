package org.jfoundry.adapters.cli.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfoundry.adapters.cli.CliEnvironment;
import org.jfoundry.adapters.cli.ServiceHost;
import org.jfoundry.adapters.cli.foundry.FoundryCli;
import org.jfoundry.adapters.cli.settings.JsonSettingsStore;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.DeviceType;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.model.ModelRuntime;
import org.jfoundry.ports.out.ModelStore;
import org.jfoundry.ports.settings.FoundryHome;
import org.jfoundry.ports.settings.ServiceSettings;

/** Runs {@code foundry} commands in-process against the fakes, capturing stdout and stderr. */
public final class CliHarness {
    public final FoundryHome home;
    public final FakeService service = new FakeService();
    public final FakeTerminal terminal = new FakeTerminal();
    public final JsonSettingsStore settings;
    public final InMemoryModelStore store;
    public final List<String> hostStarts = new ArrayList<>();
    /** The FOUNDRY_CATALOG the commands see. */
    public String catalogVariable = "";

    public CliHarness(Path homeDirectory) {
        home = new FoundryHome(homeDirectory);
        settings = new JsonSettingsStore(home);
        store = new InMemoryModelStore(homeDirectory.resolve("cache/models"));
        service.disk = store;
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = FoundryCli.commandLine(environment(), new PrintWriter(out, true), new PrintWriter(err, true), args).execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    public CliEnvironment environment() {
        return new CliEnvironment(home, settings, service, new ServiceHost() {
            @Override
            public HostedService start(ServiceSettings serviceSettings) {
                hostStarts.add(serviceSettings.host() + ":" + serviceSettings.port());
                return new HostedService() {
                    @Override
                    public URI url() {
                        return URI.create("http://127.0.0.1:" + serviceSettings.port());
                    }

                    @Override
                    public void close() {
                    }
                };
            }

            @Override
            public ModelStore modelStore(Path cacheDirectory) {
                return store;
            }

            @Override
            public List<String> describeRuntime(ServiceSettings serviceSettings) {
                return List.of("Engine fake: available");
            }
        }, terminal, catalogVariable);
    }

    /** Two variants of phi-4-mini (CPU and CUDA) and one of qwen (CPU). */
    public CliHarness withCatalog() {
        service.catalog.add(model("Phi-4-mini-instruct-generic-cpu:1", "phi-4-mini", DeviceType.CPU, ExecutionProvider.CPU, 4770));
        service.catalog.add(model("Phi-4-mini-instruct-cuda-gpu:1", "phi-4-mini", DeviceType.GPU, ExecutionProvider.CUDA, 3720));
        service.catalog.add(model("qwen2.5-0.5b-instruct-generic-cpu:3", "qwen2.5-0.5b", DeviceType.CPU, ExecutionProvider.CPU, 822));
        return this;
    }

    public static CatalogModel model(String id, String alias, DeviceType device, ExecutionProvider provider, long sizeMb) {
        ModelId modelId = ModelId.parse(id);
        return new CatalogModel(modelId, modelId.name(), "AzureFoundry", "azureml://registries/azureml/models/"
                + modelId.name() + "/versions/" + modelId.version(), "ONNX", null, "Microsoft", "chat-completion",
                new ModelRuntime(device, provider), sizeMb, List.of(), alias, true, "MIT", "The MIT license text.",
                null, 2048, null);
    }

    public record Result(int exitCode, String out, String err) {
        public List<String> outLines() {
            return out.lines().toList();
        }
    }
}
