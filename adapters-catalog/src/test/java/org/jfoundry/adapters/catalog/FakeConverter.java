package org.jfoundry.adapters.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.out.ConversionRequest;
import org.jfoundry.ports.out.ConvertedModel;
import org.jfoundry.ports.out.DownloadListener;
import org.jfoundry.ports.out.DownloadProgress;
import org.jfoundry.ports.out.ModelConverter;

/**
 * Reads files that start with "GGUF"; "converts" by writing genai_config.json and a model.onnx holding the source's
 * bytes, reporting progress halfway and at the end. Can be told to refuse, as a converter refuses an architecture.
 */
final class FakeConverter implements ModelConverter {
    final List<ConversionRequest> requests = new CopyOnWriteArrayList<>();
    private volatile String refusal;

    FakeConverter refuse(String why) {
        refusal = why;
        return this;
    }

    @Override
    public boolean accepts(Path source) {
        try {
            byte[] head = new byte[4];
            try (var in = Files.newInputStream(source)) {
                return in.readNBytes(head, 0, 4) == 4 && new String(head, StandardCharsets.US_ASCII).equals("GGUF");
            }
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public ConvertedModel convert(ConversionRequest request, DownloadListener progress, CancellationSignal cancel) {
        requests.add(request);
        if (refusal != null) {
            throw new InvalidRequestException(refusal, "model");
        }
        try {
            long size = Files.size(request.source());
            progress.onProgress(new DownloadProgress("blk.0", size / 2, size, 0));
            cancel.throwIfCancelled();
            Files.createDirectories(request.target());
            Files.writeString(request.target().resolve("genai_config.json"),
                    "{\"model\":{\"type\":\"llama\"},\"precision\":\"" + request.precision() + "\"}");
            Files.copy(request.source(), request.target().resolve("model.onnx"));
            progress.onProgress(new DownloadProgress("blk.1", size, size, 0));
            return new ConvertedModel("llama", "tiny", "chat-completion", Files.size(request.source()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
