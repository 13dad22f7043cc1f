package org.jfoundry.ports.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.model.PromptTemplate;

/**
 * Creates model folders the way the Foundry cache lays them out, {@code <cache>/<publisher>/<name>-<version>/v<version>/},
 * with a minimal {@code genai_config.json} and {@code inference_model.json} and a sparse {@code model.onnx} of the
 * requested size (so size estimates are testable without writing gigabytes).
 */
public final class ModelFolders {

    public static final String PUBLISHER = "Microsoft";
    public static final PromptTemplate PHI_TEMPLATE = new PromptTemplate("<|system|>{Content}<|end|>",
            "<|user|>{Content}<|end|>", "<|assistant|>{Content}<|end|>", "<|user|>{Content}<|end|><|assistant|>");

    private ModelFolders() {
    }

    /** A chat model of 1 KiB with no alias. */
    public static CachedModel create(Path cacheDirectory, String id) {
        return create(cacheDirectory, id, null, "chat-completion", 1024);
    }

    public static CachedModel create(Path cacheDirectory, String id, String alias, String task, long sizeBytes) {
        ModelId modelId = ModelId.parse(id);
        Path folder = folderFor(cacheDirectory, PUBLISHER, modelId);
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("genai_config.json"), """
                    {"model":{"type":"phi3","context_length":4096,"eos_token_id":[32000],"bos_token_id":1,\
                    "pad_token_id":32000,"vocab_size":32064,\
                    "decoder":{"filename":"model.onnx","head_size":96,"hidden_size":3072,"num_attention_heads":32,\
                    "num_hidden_layers":32,"num_key_value_heads":32,\
                    "inputs":{"input_ids":"input_ids","attention_mask":"attention_mask"},"outputs":{"logits":"logits"}}},\
                    "search":{"max_length":4096,"do_sample":false,"top_k":1,"top_p":1.0,"temperature":1.0}}
                    """);
            Files.writeString(folder.resolve("inference_model.json"), inferenceModelJson(modelId));
            try (RandomAccessFile model = new RandomAccessFile(folder.resolve("model.onnx").toFile(), "rw")) {
                model.setLength(Math.max(0, sizeBytes));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a fake model folder in " + folder, e);
        }
        return new CachedModel(modelId, alias, folder, sizeBytes, task, PHI_TEMPLATE);
    }

    /** Where the Foundry layout puts a model. */
    public static Path folderFor(Path cacheDirectory, String publisher, ModelId id) {
        return cacheDirectory.resolve(publisher).resolve(id.name() + "-" + id.version()).resolve("v" + id.version());
    }

    /** Marks a folder as an unfinished download, so a store must not list it. */
    public static void markDownloading(CachedModel model) {
        try {
            Files.writeString(model.folder().resolve("download.tmp"), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String inferenceModelJson(ModelId id) {
        return "{\"Name\":\"" + jsonEscape(id.toString()) + "\",\"PromptTemplate\":{"
                + "\"system\":\"" + jsonEscape(PHI_TEMPLATE.system()) + "\","
                + "\"user\":\"" + jsonEscape(PHI_TEMPLATE.user()) + "\","
                + "\"assistant\":\"" + jsonEscape(PHI_TEMPLATE.assistant()) + "\","
                + "\"prompt\":\"" + jsonEscape(PHI_TEMPLATE.prompt()) + "\"}}";
    }

    private static String jsonEscape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
