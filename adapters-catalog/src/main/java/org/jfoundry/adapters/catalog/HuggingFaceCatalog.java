package org.jfoundry.adapters.catalog;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfoundry.ports.failure.DownloadFailedException;
import org.jfoundry.ports.failure.FoundryException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.DeviceType;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.model.ModelRuntime;
import org.jfoundry.ports.out.CatalogSource;

/**
 * Catalog entries for configured Hugging Face folders, one per {@code hf://} reference. Each folder is listed so that
 * the entry carries a real size and task; a folder that cannot be listed is left out and logged.
 */
final class HuggingFaceCatalog implements CatalogSource {
    private static final System.Logger LOG = System.getLogger(HuggingFaceCatalog.class.getName());
    private static final long MEBIBYTE = 1024 * 1024;

    private final String name;
    private final HuggingFaceHub hub;
    private final List<HuggingFaceRef> refs;

    HuggingFaceCatalog(String name, HuggingFaceHub hub, List<HuggingFaceRef> refs) {
        this.name = name;
        this.hub = hub;
        this.refs = List.copyOf(refs);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<CatalogModel> listModels() {
        List<CatalogModel> models = new ArrayList<>();
        RuntimeException firstFailure = null;
        for (HuggingFaceRef ref : refs) {
            try {
                models.add(toCatalogModel(ref, hub.list(ref, new CancellationSignal())));
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot list {0}: {1}", ref, e.getMessage());
                if (firstFailure == null) {
                    firstFailure = e instanceof FoundryException typed ? typed
                            : new DownloadFailedException("Hugging Face folder " + ref + " could not be listed: " + e.getMessage(), e);
                }
            }
        }
        if (models.isEmpty() && firstFailure != null) {
            throw firstFailure;
        }
        return List.copyOf(models);
    }

    static CatalogModel toCatalogModel(HuggingFaceRef ref, ModelFiles files) {
        boolean generative = files.files().stream().anyMatch(f -> f.path().equals("genai_config.json"));
        long bytes = Math.max(0, files.knownTotalBytes());
        return new CatalogModel(
                new ModelId(ref.modelName(), ref.modelVersion()),
                ref.modelName(), "HuggingFace", ref.toString(), "ONNX", null,
                FoundryEntities.publisher(ref.owner()),
                generative ? "chat-completion" : "embeddings",
                runtimeFrom(ref.subfolder()),
                bytes / MEBIBYTE, List.of(), ref.alias(), false, null, null, null, null, null);
    }

    /** ONNX GenAI repositories name their folders after the target (cpu-int4..., cuda-fp16..., directml...). */
    static ModelRuntime runtimeFrom(String folder) {
        String lower = folder.toLowerCase(Locale.ROOT);
        if (lower.contains("cuda")) {
            return new ModelRuntime(DeviceType.GPU, ExecutionProvider.CUDA);
        }
        if (lower.contains("directml") || lower.contains("dml")) {
            return new ModelRuntime(DeviceType.GPU, ExecutionProvider.DML);
        }
        if (lower.contains("webgpu")) {
            return new ModelRuntime(DeviceType.GPU, ExecutionProvider.WEBGPU);
        }
        if (lower.contains("qnn") || lower.contains("npu")) {
            return new ModelRuntime(DeviceType.NPU, ExecutionProvider.QNN);
        }
        return ModelRuntime.CPU;
    }
}
