package org.jfoundry.adapters.ort.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.jfoundry.adapters.ort.completion.FoundryPromptTemplate;
import org.jfoundry.adapters.ort.folders.ModelFolderLoader;
import org.jfoundry.adapters.ort.runtime.GraphOptimizationLevel;
import org.jfoundry.adapters.ort.runtime.OrtEnvironment;
import org.jfoundry.adapters.ort.runtime.Session;
import org.jfoundry.adapters.ort.runtime.SessionOptions;
import org.jfoundry.ports.failure.EngineFailureException;
import org.jfoundry.ports.failure.FoundryException;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.out.ModelHandle;
import org.jfoundry.ports.out.ModelLoadSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Loads GenAI model folders ({@code genai_config.json}, the model builder's output) for text generation with the
 * loop in Java: the decoder runs on an ONNX Runtime session, tokenization and chat templates run here.
 */
public final class GenAiFolderLoader implements ModelFolderLoader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OrtEnvironment environment;
    private final int defaultIntraOpThreads;
    private final GenerationLimits limits;

    /** @param defaultIntraOpThreads used when neither the load request nor genai_config.json sets one; 0: ORT's */
    public GenAiFolderLoader(OrtEnvironment environment, int defaultIntraOpThreads, GenerationLimits limits) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.defaultIntraOpThreads = defaultIntraOpThreads;
        this.limits = Objects.requireNonNullElse(limits, GenerationLimits.defaults());
    }

    public GenAiFolderLoader(OrtEnvironment environment, int defaultIntraOpThreads) {
        this(environment, defaultIntraOpThreads, GenerationLimits.defaults());
    }

    /** True for a folder with a {@code genai_config.json}. */
    public static boolean isGenAiFolder(Path folder) {
        return Files.isRegularFile(folder.resolve(GenAiConfig.FILE_NAME));
    }

    @Override
    public String kind() {
        return "GenAI decoder folder (genai_config.json)";
    }

    @Override
    public boolean accepts(Path folder) {
        return isGenAiFolder(folder);
    }

    @Override
    public ModelHandle load(ModelLoadSpec spec) {
        Path folder = spec.model().folder();
        GenAiConfig config = GenAiConfig.read(folder);
        Path modelFile = folder.resolve(config.decoder().filename());
        if (!Files.isRegularFile(modelFile)) {
            throw new EngineFailureException("genai_config.json of " + spec.model().id() + " names "
                    + config.decoder().filename() + ", which is not in " + folder);
        }
        ChatPromptRenderer renderer = ChatPromptRenderer.from(readJson(folder.resolve("tokenizer_config.json")),
                FoundryPromptTemplate.forModel(spec.model().promptTemplate(), folder));
        ModelTokenizer tokenizer = ModelTokenizer.open(folder);
        Session session = null;
        try {
            try (SessionOptions options = sessionOptions(config.decoder().sessionOptions(), spec)) {
                session = environment.openSession(modelFile, options);
            }
            DecoderSignature signature = DecoderSignature.probe(session, config);
            return new OrtGenerativeModel(spec.model().id(), environment, session, tokenizer, renderer, config,
                    signature, limits, estimatedBytes(spec, folder));
        } catch (RuntimeException e) {
            if (session != null) {
                session.close();
            }
            tokenizer.close();
            if (e instanceof FoundryException) {
                throw e;
            }
            throw new EngineFailureException("could not open the decoder of " + spec.model().id() + ": "
                    + e.getMessage(), e);
        }
    }

    private SessionOptions sessionOptions(GenAiConfig.SessionSettings settings, ModelLoadSpec spec) {
        SessionOptions options = environment.newSessionOptions();
        try {
            int intra = spec.intraOpThreads() > 0 ? spec.intraOpThreads()
                    : settings.intraOpThreads() > 0 ? settings.intraOpThreads() : defaultIntraOpThreads;
            if (intra > 0) {
                options.intraOpThreads(intra);
            }
            if (settings.interOpThreads() > 0) {
                options.interOpThreads(settings.interOpThreads());
            }
            options.optimizationLevel(optimizationLevel(settings.graphOptimizationLevel()));
            // Without the CPU arena, what a decode step allocates (logits, the next cache) goes back to the C heap
            // when the step ends, instead of the arena growing to the largest batch of prompts it ever saw.
            options.memoryArena(false);
            settings.configEntries().forEach(options::configEntry);
            if (spec.provider() != ExecutionProvider.CPU) {
                options.executionProvider(spec.provider(), providerOptions(settings, spec));
            }
            return options;
        } catch (RuntimeException e) {
            options.close();
            throw e;
        }
    }

    /**
     * The project's defaults for the provider, then the config's options for it (keyed by short name, as the model
     * builder writes them), then the request's.
     */
    static Map<String, String> providerOptions(GenAiConfig.SessionSettings settings, ModelLoadSpec spec) {
        Map<String, String> merged = new LinkedHashMap<>();
        if (spec.provider() == ExecutionProvider.CUDA) {
            // CUDA's default TF32 math rounds float32 matrix products to a 10-bit mantissa: near-ties between the top
            // two logits then flip, and greedy output drifts from the CPU provider's. Decode is bound by memory, not
            // by math, so exact float32 costs little; a config or request can still turn TF32 on.
            merged.put("use_tf32", "0");
        }
        settings.providerOptions().forEach((name, values) -> {
            if (ExecutionProvider.find(name).orElse(null) == spec.provider()) {
                merged.putAll(values);
            }
        });
        merged.putAll(spec.providerOptions());
        return merged;
    }

    private static GraphOptimizationLevel optimizationLevel(String name) {
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "ORT_DISABLE_ALL", "DISABLE_ALL" -> GraphOptimizationLevel.DISABLE_ALL;
            case "ORT_ENABLE_BASIC", "BASIC" -> GraphOptimizationLevel.BASIC;
            case "ORT_ENABLE_EXTENDED", "EXTENDED" -> GraphOptimizationLevel.EXTENDED;
            default -> GraphOptimizationLevel.ALL;
        };
    }

    private static JsonNode readJson(Path file) {
        if (!Files.isRegularFile(file)) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new EngineFailureException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static long estimatedBytes(ModelLoadSpec spec, Path folder) {
        if (spec.model().sizeBytes() > 0) {
            return spec.model().sizeBytes();
        }
        try (var files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        } catch (IOException e) {
            return 0;
        }
    }
}
