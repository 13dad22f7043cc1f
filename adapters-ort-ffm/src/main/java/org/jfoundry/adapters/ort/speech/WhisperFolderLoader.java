package org.jfoundry.adapters.ort.speech;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jfoundry.adapters.ort.folders.ModelFolderLoader;
import org.jfoundry.adapters.ort.runtime.GraphOptimizationLevel;
import org.jfoundry.adapters.ort.runtime.OrtEnvironment;
import org.jfoundry.adapters.ort.runtime.OrtException;
import org.jfoundry.adapters.ort.runtime.Session;
import org.jfoundry.adapters.ort.runtime.SessionOptions;
import org.jfoundry.ports.failure.EngineFailureException;
import org.jfoundry.ports.out.ModelHandle;
import org.jfoundry.ports.out.ModelLoadSpec;

/**
 * Loads Whisper folders as the model importer writes them: {@code whisper.json}, {@code encoder.onnx},
 * {@code decoder.onnx} (with their {@code .data} files) and {@code tokenizer.json}.
 */
public final class WhisperFolderLoader implements ModelFolderLoader {

    private final OrtEnvironment environment;
    private final int defaultIntraOpThreads;

    public WhisperFolderLoader(OrtEnvironment environment, int defaultIntraOpThreads) {
        this.environment = environment;
        this.defaultIntraOpThreads = defaultIntraOpThreads;
    }

    @Override
    public String kind() {
        return "Whisper folder (" + WhisperSettings.FILE_NAME + ", encoder.onnx, decoder.onnx, tokenizer.json)";
    }

    @Override
    public boolean accepts(Path folder) {
        return Files.isRegularFile(folder.resolve(WhisperSettings.FILE_NAME))
                && Files.isRegularFile(folder.resolve("encoder.onnx"))
                && Files.isRegularFile(folder.resolve("decoder.onnx"));
    }

    @Override
    public ModelHandle load(ModelLoadSpec spec) {
        Path folder = spec.model().folder();
        WhisperSettings settings = WhisperSettings.read(folder);
        Session encoder = null;
        Session decoder = null;
        HuggingFaceTokenizer tokenizer = null;
        try (SessionOptions options = environment.newSessionOptions()) {
            int threads = spec.intraOpThreads() > 0 ? spec.intraOpThreads() : defaultIntraOpThreads;
            options.intraOpThreads(threads).optimizationLevel(GraphOptimizationLevel.ALL)
                    .executionProvider(spec.provider(), spec.providerOptions());
            encoder = environment.openSession(folder.resolve("encoder.onnx"), options);
            decoder = environment.openSession(folder.resolve("decoder.onnx"), options);
            tokenizer = HuggingFaceTokenizer.builder().optTokenizerPath(folder.resolve("tokenizer.json"))
                    .optAddSpecialTokens(false).optTruncation(false).optPadding(false).build();
            return new WhisperModel(spec.model().id(), folder, settings, encoder, decoder, tokenizer, environment);
        } catch (OrtException e) {
            closeQuietly(encoder, decoder);
            throw new EngineFailureException("ONNX Runtime could not load the Whisper model in " + folder + ": "
                    + e.getMessage(), e);
        } catch (IOException e) {
            closeQuietly(encoder, decoder);
            throw new EngineFailureException("cannot load the tokenizer of " + folder + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(encoder, decoder);
            if (tokenizer != null) {
                tokenizer.close();
            }
            throw e;
        }
    }

    private static void closeQuietly(Session encoder, Session decoder) {
        if (decoder != null) {
            decoder.close();
        }
        if (encoder != null) {
            encoder.close();
        }
    }
}
