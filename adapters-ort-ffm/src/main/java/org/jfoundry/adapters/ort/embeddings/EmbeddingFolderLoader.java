package org.jfoundry.adapters.ort.embeddings;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import org.jfoundry.adapters.ort.internal.loading.TokenizerLibrary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.jfoundry.adapters.ort.folders.ModelFolderLoader;
import org.jfoundry.adapters.ort.runtime.GraphOptimizationLevel;
import org.jfoundry.adapters.ort.runtime.OrtEnvironment;
import org.jfoundry.adapters.ort.runtime.OrtException;
import org.jfoundry.adapters.ort.runtime.Session;
import org.jfoundry.adapters.ort.runtime.SessionOptions;
import org.jfoundry.ports.failure.EngineFailureException;
import org.jfoundry.ports.out.ModelHandle;
import org.jfoundry.ports.out.ModelLoadSpec;

/** Loads sentence-embedding folders (inference_model.json with Task embeddings) into {@link ModelHandle}s. */
public final class EmbeddingFolderLoader implements ModelFolderLoader {
    private final OrtEnvironment environment;
    private final int defaultIntraOpThreads;

    public EmbeddingFolderLoader(OrtEnvironment environment, int defaultIntraOpThreads) {
        this.environment = environment;
        this.defaultIntraOpThreads = defaultIntraOpThreads;
    }

    @Override
    public String kind() {
        return "embedding folder (" + EmbeddingFolder.INFERENCE_MODEL + " with \"Task\": \"embeddings\")";
    }

    @Override
    public boolean accepts(Path folder) {
        return EmbeddingFolder.isEmbeddingFolder(folder);
    }

    @Override
    public ModelHandle load(ModelLoadSpec spec) {
        EmbeddingFolder folder = EmbeddingFolder.read(spec.model().folder());
        HuggingFaceTokenizer tokenizer = openTokenizer(folder);
        Session session = null;
        try (SessionOptions options = environment.newSessionOptions()) {
            int threads = spec.intraOpThreads() > 0 ? spec.intraOpThreads() : defaultIntraOpThreads;
            options.intraOpThreads(threads)
                    .optimizationLevel(GraphOptimizationLevel.ALL)
                    .executionProvider(spec.provider(), spec.providerOptions());
            session = environment.openSession(folder.model(), options);
            return new EmbeddingModel(spec.model(), folder, tokenizer, session, environment);
        } catch (OrtException e) {
            closeQuietly(session, tokenizer);
            throw new EngineFailureException("ONNX Runtime could not load " + folder.model() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(session, tokenizer);
            throw e;
        }
    }

    private static HuggingFaceTokenizer openTokenizer(EmbeddingFolder folder) {
        TokenizerLibrary.pin();
        try {
            // Padding is done per batch by the model handle; truncation reports which inputs were cut.
            return HuggingFaceTokenizer.newInstance(folder.tokenizer(), Map.of(
                    "padding", "false",
                    "truncation", "true",
                    "maxLength", Integer.toString(folder.maxTokens())));
        } catch (IOException | RuntimeException e) {
            throw new EngineFailureException("cannot read tokenizer " + folder.tokenizer() + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Session session, HuggingFaceTokenizer tokenizer) {
        if (session != null) {
            session.close();
        }
        tokenizer.close();
    }
}
