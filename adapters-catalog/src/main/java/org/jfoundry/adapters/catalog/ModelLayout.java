package org.jfoundry.adapters.catalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jfoundry.ports.model.CatalogModel;

/** Where models live in the cache and what makes a folder count as one. */
final class ModelLayout {
    static final String INFERENCE_MODEL = "inference_model.json";
    static final String GENAI_CONFIG = "genai_config.json";
    static final String MODEL_ONNX = "model.onnx";
    /** A Whisper folder as the model importer writes it: {@code whisper.json} beside the encoder and decoder graphs. */
    static final String WHISPER_CONFIG = "whisper.json";
    /** Present while a download is under way; a folder holding it is never a model. */
    static final String DOWNLOAD_MARKER = "download.tmp";
    static final String STAGING_SUFFIX = ".download";

    private ModelLayout() {
    }

    /** {@code <cache>/<Publisher>/<name>-<version>/v<version>}. */
    static Path folderFor(Path cache, CatalogModel model) {
        String publisher = model.publisher() == null ? "unknown" : model.publisher();
        return cache.resolve(publisher)
                .resolve(model.id().name() + "-" + model.version())
                .resolve("v" + model.version());
    }

    /** The sibling folder a download fills before it is renamed into place. */
    static Path stagingFor(Path target) {
        return target.resolveSibling(target.getFileName() + STAGING_SUFFIX);
    }

    static boolean isEmbeddingTask(String task) {
        return task != null && task.toLowerCase(Locale.ROOT).contains("embed");
    }

    static boolean isSpeechRecognitionTask(String task) {
        return task != null && task.toLowerCase(Locale.ROOT).contains("speech-recognition");
    }

    /**
     * Null when the folder's files make a model of that task, else why not: a generative model needs
     * genai_config.json; an embedding model may instead be a bare model.onnx; a speech model needs whisper.json.
     */
    static String missingModelFiles(Path folder, String task) {
        if (Files.isRegularFile(folder.resolve(GENAI_CONFIG))) {
            return null;
        }
        if (isSpeechRecognitionTask(task)) {
            return Files.isRegularFile(folder.resolve(WHISPER_CONFIG)) ? null : "it is a speech model without whisper.json";
        }
        if (isEmbeddingTask(task)) {
            return Files.isRegularFile(folder.resolve(MODEL_ONNX)) ? null : "it has neither genai_config.json nor model.onnx";
        }
        return "it has no genai_config.json (and is not an embeddings model with model.onnx)";
    }
}
