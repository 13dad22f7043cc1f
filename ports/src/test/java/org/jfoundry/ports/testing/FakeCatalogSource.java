package org.jfoundry.ports.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.DeviceType;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.model.ModelRuntime;
import org.jfoundry.ports.out.CatalogSource;

/** A catalog the test fills; it can be told to fail like an unreachable online catalog. */
public final class FakeCatalogSource implements CatalogSource {

    private final String name;
    private volatile List<CatalogModel> models;
    private volatile RuntimeException failure;
    private final AtomicInteger calls = new AtomicInteger();

    public FakeCatalogSource(String name, List<CatalogModel> models) {
        this.name = Objects.requireNonNull(name, "name");
        this.models = List.copyOf(models);
    }

    public static FakeCatalogSource of(CatalogModel... models) {
        return new FakeCatalogSource("fake", List.of(models));
    }

    /** A chat variant whose device is the provider's usual one (use the 4-argument form for openvino on CPU). */
    public static CatalogModel variant(String alias, String id, ExecutionProvider provider) {
        return variant(alias, id, provider.typicalDevice(), provider);
    }

    public static CatalogModel variant(String alias, String id, DeviceType device, ExecutionProvider provider) {
        return variant(alias, id, device, provider, "chat-completion");
    }

    public static CatalogModel variant(String alias, String id, DeviceType device, ExecutionProvider provider, String task) {
        ModelId modelId = ModelId.parse(id);
        CatalogModel plain = CatalogModel.of(modelId, alias,
                "azureml://registries/azureml/models/" + modelId.name() + "/versions/" + modelId.version(),
                new ModelRuntime(device, provider), task);
        return new CatalogModel(plain.id(), plain.displayName(), plain.providerType(), plain.uri(), plain.modelType(),
                ModelFolders.PHI_TEMPLATE, ModelFolders.PUBLISHER, task, plain.runtime(), 1, List.of(), alias, false,
                "MIT", null, null, 2048, null);
    }

    public FakeCatalogSource models(List<CatalogModel> newModels) {
        models = List.copyOf(newModels);
        return this;
    }

    public FakeCatalogSource add(CatalogModel model) {
        List<CatalogModel> next = new ArrayList<>(models);
        next.add(model);
        models = List.copyOf(next);
        return this;
    }

    /** Makes {@link #listModels()} throw this failure; null answers again. */
    public FakeCatalogSource failWith(RuntimeException newFailure) {
        failure = newFailure;
        return this;
    }

    public int callCount() {
        return calls.get();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<CatalogModel> listModels() {
        calls.incrementAndGet();
        RuntimeException current = failure;
        if (current != null) {
            throw current;
        }
        return models;
    }
}
