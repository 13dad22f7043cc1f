package org.jfoundry.adapters.modelimport.onnx;

import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes initializers into the model's external data file ({@code model.onnx.data}), the way ONNX Runtime GenAI's
 * model builder stores weights: the graph stays small, and each tensor is written as soon as it is made, so a
 * converter holds one tensor at a time, never the model. Offsets are page-aligned so ONNX Runtime can map the file.
 */
public final class ExternalData implements AutoCloseable {

    private static final int ALIGNMENT = 4096;
    private static final int CHUNK = 1 << 20;

    private final String fileName;
    private final FileChannel channel;
    private final ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
    private long position;

    /** Creates (or truncates) {@code file}; tensors refer to it by its file name, relative to the model. */
    public ExternalData(Path file) throws IOException {
        this.fileName = file.getFileName().toString();
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Float32 values, row-major in {@code dims}. */
    public TensorProto floats(String name, float[] values, long... dims) {
        requireCount(name, values.length, dims);
        return write(name, TensorProto.DataType.FLOAT, dims, (long) values.length * 4, (buffer, from) -> {
            int index = (int) (from / 4);
            while (buffer.remaining() >= 4 && index < values.length) {
                buffer.putFloat(values[index++]);
            }
        });
    }

    /** Float16 values (IEEE half bits), row-major in {@code dims}. */
    public TensorProto halfs(String name, short[] values, long... dims) {
        requireCount(name, values.length, dims);
        return write(name, TensorProto.DataType.FLOAT16, dims, (long) values.length * 2, (buffer, from) -> {
            int index = (int) (from / 2);
            while (buffer.remaining() >= 2 && index < values.length) {
                buffer.putShort(values[index++]);
            }
        });
    }

    /** Raw bytes of the given element type (for example UINT8 packed int4 blocks), row-major in {@code dims}. */
    public TensorProto bytes(String name, TensorProto.DataType type, byte[] values, long... dims) {
        return write(name, type, dims, values.length, (buffer, from) -> {
            int length = (int) Math.min(buffer.remaining(), values.length - from);
            buffer.put(values, (int) from, length);
        });
    }

    /** Total bytes in the file so far. */
    public long size() {
        return position;
    }

    /** Fills the buffer with the tensor's bytes starting at byte {@code from}, as many as fit. */
    @FunctionalInterface
    private interface Source {
        void fill(ByteBuffer buffer, long from);
    }

    private TensorProto write(String name, TensorProto.DataType type, long[] dims, long length, Source source) {
        long offset = align(position);
        try {
            long written = 0;
            while (written < length) {
                chunk.clear();
                source.fill(chunk, written);
                chunk.flip();
                long at = offset + written;
                written += chunk.remaining();
                while (chunk.hasRemaining()) {
                    at += channel.write(chunk, at);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write tensor " + name + " to " + fileName, e);
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

    private static void requireCount(String name, long count, long[] dims) {
        long expected = 1;
        for (long dim : dims) {
            expected *= dim;
        }
        if (expected != count) {
            throw new IllegalArgumentException("tensor " + name + " has " + count + " values for dims "
                    + java.util.Arrays.toString(dims));
        }
    }

    private static long align(long offset) {
        return (offset + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    private static StringStringEntryProto entry(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
