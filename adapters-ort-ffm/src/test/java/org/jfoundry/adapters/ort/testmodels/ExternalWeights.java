package org.jfoundry.adapters.ort.testmodels;

import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;

/**
 * Streams initializers into the model's external data file ({@code model.onnx.data}), the way the model builder
 * stores weights: the graph stays small and hundreds of megabytes are written without holding them in memory.
 */
final class ExternalWeights implements AutoCloseable {

    /** Page-aligned offsets let ONNX Runtime map the file instead of copying it. */
    private static final int ALIGNMENT = 4096;
    private static final int CHUNK = 1 << 20;

    private final String fileName;
    private final FileChannel channel;
    private final ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
    private final long seed;
    private long position;

    ExternalWeights(Path file, long seed) {
        this.fileName = file.getFileName().toString();
        this.seed = seed;
        try {
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Float32 values drawn uniformly with the given standard deviation around {@code mean}. */
    TensorProto uniformFloats(String name, double mean, double std, long... dims) {
        SplittableRandom random = randomFor(name);
        double halfWidth = std * Math.sqrt(3);
        return write(name, TensorProto.DataType.FLOAT, dims, 4,
                buffer -> buffer.putFloat((float) (mean + (random.nextDouble() * 2 - 1) * halfWidth)));
    }

    /** Float16 values drawn uniformly with the given standard deviation around {@code mean}. */
    TensorProto uniformHalfs(String name, double mean, double std, long... dims) {
        SplittableRandom random = randomFor(name);
        double halfWidth = std * Math.sqrt(3);
        return write(name, TensorProto.DataType.FLOAT16, dims, 2, buffer -> buffer.putShort(
                Float.floatToFloat16((float) (mean + (random.nextDouble() * 2 - 1) * halfWidth))));
    }

    /** Random bytes: packed int4 weights whose nibbles are uniform over [-8, 7] once the zero point 8 is taken off. */
    TensorProto randomBytes(String name, long... dims) {
        SplittableRandom random = randomFor(name);
        return write(name, TensorProto.DataType.UINT8, dims, 1, buffer -> buffer.put((byte) random.nextInt()));
    }

    /** Float32 values given by position, for tables such as the rotary cos/sin caches. */
    TensorProto floats(String name, FloatAt values, long... dims) {
        long[] index = {0};
        return write(name, TensorProto.DataType.FLOAT, dims, 4, buffer -> buffer.putFloat(values.at(index[0]++)));
    }

    /** Float16 values given by position. */
    TensorProto halfs(String name, FloatAt values, long... dims) {
        long[] index = {0};
        return write(name, TensorProto.DataType.FLOAT16, dims, 2,
                buffer -> buffer.putShort(Float.floatToFloat16(values.at(index[0]++))));
    }

    @FunctionalInterface
    interface FloatAt {
        float at(long index);
    }

    private SplittableRandom randomFor(String name) {
        // Each tensor gets its own stream so adding a tensor never changes the others.
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ name.hashCode());
    }

    private TensorProto write(String name, TensorProto.DataType type, long[] dims, int elementBytes,
                              java.util.function.Consumer<ByteBuffer> putOne) {
        long count = 1;
        for (long dim : dims) {
            count *= dim;
        }
        long length = count * elementBytes;
        long offset = align(position);
        try {
            chunk.clear();
            for (long i = 0; i < count; i++) {
                if (chunk.remaining() < elementBytes) {
                    flush(offset + i * elementBytes - chunk.position());
                }
                putOne.accept(chunk);
            }
            flush(offset + length - chunk.position());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        position = offset + length;
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name).setDataType(type.getNumber())
                .setDataLocation(TensorProto.DataLocation.EXTERNAL);
        for (long dim : dims) {
            tensor.addDims(dim);
        }
        tensor.addExternalData(entry("location", fileName));
        tensor.addExternalData(entry("offset", Long.toString(offset)));
        tensor.addExternalData(entry("length", Long.toString(length)));
        return tensor.build();
    }

    private void flush(long at) throws IOException {
        chunk.flip();
        long writeAt = at;
        while (chunk.hasRemaining()) {
            writeAt += channel.write(chunk, writeAt);
        }
        chunk.clear();
    }

    private static long align(long offset) {
        return (offset + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    private static StringStringEntryProto entry(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
