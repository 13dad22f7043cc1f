package org.jfoundry.adapters.modelimport.gguf;

import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.out.ConversionRequest;
import org.jfoundry.ports.out.ConvertedModel;
import org.jfoundry.ports.out.DownloadListener;
import org.jfoundry.ports.out.DownloadProgress;
import org.jfoundry.ports.out.ModelConverter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Converts a llama-family GGUF (llama, mistral, qwen2; F32, F16, Q8_0, Q4_0, Q4_1, Q4_K, Q6_K tensors; byte-level
 * BPE vocabulary) into a GenAI model folder. Everything is written into a hidden sibling of the target and moved
 * into place at the end, so a failure or cancellation leaves nothing at the target.
 */
public final class GgufModelConverter implements ModelConverter {

    @Override
    public boolean accepts(Path source) {
        return GgufFile.hasMagic(source);
    }

    @Override
    public ConvertedModel convert(ConversionRequest request, DownloadListener progress, CancellationSignal cancel) {
        Path source = request.source();
        if (!accepts(source)) {
            throw new InvalidRequestException(source.getFileName() + " is not a GGUF file");
        }
        try (GgufFile gguf = GgufFile.open(source)) {
            LlamaSpec spec = LlamaSpec.read(gguf);
            requireSupportedTensorTypes(gguf);
            GenAiFolderFiles files = new GenAiFolderFiles(gguf, spec);
            Path work = workFolder(request.target());
            try {
                boolean int4 = request.precision() == ConversionRequest.WeightPrecision.INT4;
                LlamaDecoderWriter.write(gguf, spec, int4, work, cancel, progressOf(gguf, spec, progress));
                files.write(work);
                cancel.throwIfCancelled();
                moveIntoPlace(work, request.target());
            } catch (IOException | RuntimeException e) {
                deleteQuietly(work);
                throw e;
            }
            String name = gguf.get("general.name").map(Object::toString)
                    .orElse(source.getFileName().toString().replaceFirst("\\.gguf$", ""));
            return new ConvertedModel(spec.architecture(), name, "chat-completion", sizeOf(request.target()));
        } catch (IOException e) {
            throw new UncheckedIOException("converting " + source.getFileName() + " failed: " + e.getMessage(), e);
        }
    }

    /** Every tensor type is checked before anything is written, so an unsupported one costs no work. */
    private static void requireSupportedTensorTypes(GgufFile gguf) {
        for (GgufTensor tensor : gguf.tensors().values()) {
            if (!tensor.type().supported) {
                throw Dequantizer.unsupported(tensor.type(), tensor.name());
            }
        }
    }

    private static Path workFolder(Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Path work = Files.createTempDirectory(parent, "." + target.getFileName() + ".converting-");
        try {
            // A temporary folder is private; the model folder it becomes is as readable as any other.
            Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: its defaults apply.
        }
        return work;
    }

    private static void moveIntoPlace(Path work, Path target) throws IOException {
        try {
            Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(work, target);
        }
    }

    private static java.util.function.LongConsumer progressOf(GgufFile gguf, LlamaSpec spec, DownloadListener listener) {
        long tied = spec.tiedEmbeddings() ? gguf.requireTensor("token_embd.weight").byteSize() : 0;
        long total = gguf.tensors().values().stream().mapToLong(GgufTensor::byteSize).sum() + tied;
        long start = System.nanoTime();
        long[] done = {0};
        return bytes -> {
            done[0] += bytes;
            double seconds = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
            listener.onProgress(new DownloadProgress(LlamaDecoderWriter.DATA_FILE, Math.min(done[0], total), total,
                    done[0] / seconds));
        };
    }

    private static long sizeOf(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException ignored) {
            // Best effort: the folder is hidden and named as a leftover of a conversion.
        }
    }
}
