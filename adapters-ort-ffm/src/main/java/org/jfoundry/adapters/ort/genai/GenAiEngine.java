package org.jfoundry.adapters.ort.genai;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jfoundry.adapters.ort.OnnxRuntime;
import org.jfoundry.ports.failure.EngineFailureException;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.out.InferenceEngine;
import org.jfoundry.ports.out.ModelHandle;
import org.jfoundry.ports.out.ModelLoadSpec;
import org.jfoundry.ports.settings.FoundryHome;
import org.jfoundry.ports.settings.ServiceSettings;

/**
 * Text generation through ONNX Runtime GenAI, the library Foundry Local generates with, bound through FFM.
 *
 * <p>The library is looked up when the engine is created: {@link ServiceSettings#genaiLibraryPath()}, else
 * {@code FOUNDRY_GENAI_LIBRARY}, else {@code <foundry home>/native/onnxruntime-genai-0.14.1/}. It is loaded after the
 * ONNX Runtime library the ORT adapter uses, so both engines share it. When it cannot be found or loaded, the engine
 * stays usable as an object: {@link #unavailableReason()} says why and {@link #load} refuses with that reason.
 */
public final class GenAiEngine implements InferenceEngine {

    public static final String NAME = "genai";
    /** Overrides where the library is looked up when settings name none. */
    public static final String LIBRARY_ENVIRONMENT_VARIABLE = GenAiLibraryLocator.ENVIRONMENT_VARIABLE;
    public static final String GENAI_VERSION = GenAiLibraryLocator.VERSION;

    private final String unavailableReason;

    private GenAiEngine(String unavailableReason) {
        this.unavailableReason = unavailableReason;
    }

    /**
     * Finds and loads the GenAI library; never throws for a missing or broken library.
     *
     * @param ortLibrary the libonnxruntime.so the ORT adapter loaded, which GenAI must share; null: GenAI unavailable
     */
    public static GenAiEngine create(ServiceSettings settings, FoundryHome home, Path ortLibrary) {
        return create(settings.genaiLibraryPath(), System.getenv(), home, ortLibrary);
    }

    /** The same, sharing the library of the process's {@link OnnxRuntime}. */
    public static GenAiEngine create(ServiceSettings settings, FoundryHome home, OnnxRuntime onnxRuntime) {
        return create(settings, home, onnxRuntime.library().path());
    }

    static GenAiEngine create(Path configured, Map<String, String> environment, FoundryHome home, Path ortLibrary) {
        Objects.requireNonNull(home, "home");
        return switch (GenAiLibraryLocator.locate(configured, environment, home)) {
            case GenAiLibraryLocator.Location.Missing missing -> new GenAiEngine(missing.reason());
            case GenAiLibraryLocator.Location.Found found -> loaded(found, ortLibrary);
        };
    }

    /** Where the foundry home keeps the library (what native-headers/fetch-genai.sh writes). */
    public static Path libraryInHome(FoundryHome home) {
        return GenAiLibraryLocator.homeLibrary(home);
    }

    private static GenAiEngine loaded(GenAiLibraryLocator.Location.Found found, Path ortLibrary) {
        if (ortLibrary == null) {
            return new GenAiEngine("the GenAI library was found (" + found.library() + ", from " + found.source()
                    + ") but no ONNX Runtime library was loaded for it to share");
        }
        try {
            GenAiLibrary.load(found.library(), ortLibrary);
            return new GenAiEngine(null);
        } catch (IllegalStateException e) {
            return new GenAiEngine(e.getMessage() + " (library from " + found.source() + ")");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailableReason);
    }

    @Override
    public ModelHandle load(ModelLoadSpec spec) {
        Objects.requireNonNull(spec, "spec");
        if (unavailableReason != null) {
            throw new EngineFailureException("the GenAI engine is unavailable: " + unavailableReason);
        }
        if (spec.model().isEmbeddingModel()) {
            throw new InvalidRequestException("model '" + spec.model().id()
                    + "' is an embedding model; the GenAI engine only generates text", "model");
        }
        return GenAiModelHandle.open(spec);
    }
}
