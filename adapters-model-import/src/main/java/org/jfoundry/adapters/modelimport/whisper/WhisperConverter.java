package org.jfoundry.adapters.modelimport.whisper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.jfoundry.adapters.modelimport.onnx.ExternalData;
import org.jfoundry.adapters.modelimport.onnx.OnnxGraph;
import org.jfoundry.ports.failure.DownloadFailedException;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.out.ConversionRequest;
import org.jfoundry.ports.out.ConvertedModel;
import org.jfoundry.ports.out.DownloadListener;
import org.jfoundry.ports.out.DownloadProgress;
import org.jfoundry.ports.out.ModelConverter;

/**
 * Converts a CTranslate2 Whisper folder ({@code model.bin}, {@code config.json}, {@code tokenizer.json}) into the
 * folder the speech engine serves: {@code encoder.onnx}, {@code decoder.onnx} (each with its {@code .data} file),
 * {@code tokenizer.json} and {@code whisper.json} (sizes and special tokens, see {@link WhisperConfig}). Weights are
 * written as float32 whatever precision is asked: Whisper's small models lose words in 4 bits, and their weights
 * are small. The folder is built beside the target and moved into place, so a failure leaves nothing there.
 */
public final class WhisperConverter implements ModelConverter {

    private static final String PRODUCER = "jfoundry";

    @Override
    public boolean accepts(Path source) {
        Path modelBin = modelBin(source);
        if (!Files.isRegularFile(modelBin)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(modelBin)) {
            ByteBuffer header = ByteBuffer.wrap(in.readNBytes(4 + 2 + 12)).order(ByteOrder.LITTLE_ENDIAN);
            return header.remaining() == 18 && header.getInt() == CTranslate2Model.BINARY_VERSION
                    && header.getShort() == 12 && new String(header.array(), 6, 11, StandardCharsets.US_ASCII)
                    .equals("WhisperSpec");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public ConvertedModel convert(ConversionRequest request, DownloadListener progress, CancellationSignal cancel) {
        Path source = request.source();
        if (!accepts(source)) {
            throw new InvalidRequestException("not a CTranslate2 Whisper model: " + source);
        }
        Path folder = Files.isDirectory(source) ? source : source.getParent();
        Path work = request.target().resolveSibling(request.target().getFileName() + ".converting");
        try (CTranslate2Model model = CTranslate2Model.open(modelBin(source))) {
            deleteTree(work);
            Files.createDirectories(work);
            WhisperDimensions dims = WhisperDimensions.of(model);
            long total = model.names().stream().mapToLong(n -> model.variable(n).byteCount()).sum();
            AtomicLong done = new AtomicLong();
            WhisperGraphs graphs = new WhisperGraphs(model, dims, cancel, bytes -> progress.onProgress(
                    new DownloadProgress("model.bin", done.addAndGet(bytes), total, 0)));
            write(work, "encoder", graphs::encoder);
            write(work, "decoder", graphs::decoder);
            Path tokenizer = folder.resolve("tokenizer.json");
            if (!Files.isRegularFile(tokenizer)) {
                throw new InvalidRequestException("the Whisper model has no tokenizer.json beside model.bin");
            }
            Files.copy(tokenizer, work.resolve("tokenizer.json"));
            WhisperConfig.write(dims, folder.resolve("config.json"), tokenizer, work.resolve(WhisperConfig.FILE_NAME));
            cancel.throwIfCancelled();
            Files.move(work, request.target(), StandardCopyOption.ATOMIC_MOVE);
            return new ConvertedModel("whisper", folder.getFileName().toString(), "automatic-speech-recognition",
                    size(request.target()));
        } catch (IOException | UncheckedIOException e) {
            deleteQuietly(work);
            throw new DownloadFailedException("cannot convert " + source + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(work);
            throw e;
        }
    }

    private interface GraphBuilder {
        OnnxGraph build(ExternalData data);
    }

    private static void write(Path folder, String name, GraphBuilder builder) throws IOException {
        OnnxGraph graph;
        try (ExternalData data = new ExternalData(folder.resolve(name + ".onnx.data"))) {
            graph = builder.build(data);
        }
        graph.writeTo(folder.resolve(name + ".onnx"), PRODUCER);
    }

    private static Path modelBin(Path source) {
        return Files.isDirectory(source) ? source.resolve("model.bin") : source;
    }

    private static long size(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static void deleteQuietly(Path folder) {
        try {
            deleteTree(folder);
        } catch (IOException ignored) {
            // best effort: the next conversion to the same target starts by removing it again
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }


}
