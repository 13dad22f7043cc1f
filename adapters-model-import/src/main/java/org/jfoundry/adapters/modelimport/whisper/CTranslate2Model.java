package org.jfoundry.adapters.modelimport.whisper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jfoundry.ports.failure.InvalidRequestException;

/**
 * A CTranslate2 {@code model.bin}, kept open: the header and the variable table are read once (skipping the tensor
 * bytes), tensors are read on request by position (plain file reads: {@code java.lang.foreign} stays in the ORT
 * adapter). The layout is CTranslate2's {@code ModelSpec._serialize} (binary version 6): little-endian
 * {@code u32 version}, the spec name, {@code u32 revision}, {@code u32 count} variables of (name, {@code u8 rank},
 * {@code u32} dims, {@code u8 dtype}, {@code u32 byte count}, bytes), then {@code u32 count} aliases of (alias, name).
 * Strings are a {@code u16} length counting a terminating NUL, then the bytes. Knows nothing of Whisper or ONNX.
 */
final class CTranslate2Model implements AutoCloseable {

    static final int BINARY_VERSION = 6;

    /** CTranslate2's DataType enum, in its order. */
    enum DataType {
        FLOAT32(4), INT8(1), INT16(2), INT32(4), FLOAT16(2), BFLOAT16(2);

        final int bytes;

        DataType(int bytes) {
            this.bytes = bytes;
        }
    }

    /** One stored tensor: where its bytes are in the file. */
    record Variable(String name, long[] shape, DataType type, long offset, long byteCount) {

        long elements() {
            long count = 1;
            for (long dim : shape) {
                count *= dim;
            }
            return count;
        }
    }

    private final FileChannel file;
    private final String specName;
    private final int revision;
    private final Map<String, Variable> variables;

    private CTranslate2Model(FileChannel file, String specName, int revision, Map<String, Variable> variables) {
        this.file = file;
        this.specName = specName;
        this.revision = revision;
        this.variables = variables;
    }

    static CTranslate2Model open(Path modelBin) throws IOException {
        FileChannel channel = FileChannel.open(modelBin, StandardOpenOption.READ);
        try {
            return read(channel, modelBin);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static CTranslate2Model read(FileChannel file, Path path) throws IOException {
        Cursor in = new Cursor(file, path);
        int version = in.u32();
        if (version != BINARY_VERSION) {
            throw new InvalidRequestException("unsupported CTranslate2 binary version " + version + " in " + path
                    + " (version " + BINARY_VERSION + " is read)");
        }
        String spec = in.string();
        int revision = in.u32();
        int count = in.u32();
        Map<String, Variable> variables = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String name = in.string();
            int rank = in.u8();
            long[] shape = new long[rank];
            for (int d = 0; d < rank; d++) {
                shape[d] = Integer.toUnsignedLong(in.u32());
            }
            int typeId = in.u8();
            if (typeId >= DataType.values().length) {
                throw new InvalidRequestException("unknown CTranslate2 data type " + typeId + " for " + name);
            }
            DataType type = DataType.values()[typeId];
            long bytes = Integer.toUnsignedLong(in.u32());
            Variable variable = new Variable(name, shape, type, in.position, bytes);
            if (variable.elements() * type.bytes != bytes) {
                throw new InvalidRequestException("corrupt CTranslate2 model " + path + ": " + name + " has "
                        + bytes + " bytes for shape " + Arrays.toString(shape) + " of " + type);
            }
            in.skip(bytes);
            variables.put(name, variable);
        }
        int aliases = in.u32();
        for (int i = 0; i < aliases; i++) {
            String alias = in.string();
            String target = in.string();
            Variable original = variables.get(target);
            if (original == null) {
                throw new InvalidRequestException("corrupt CTranslate2 model " + path + ": alias " + alias
                        + " names the missing variable " + target);
            }
            variables.put(alias, original);
        }
        return new CTranslate2Model(file, spec, revision, Map.copyOf(variables));
    }

    /** The model specification's name, for example {@code WhisperSpec}. */
    String specName() {
        return specName;
    }

    int revision() {
        return revision;
    }

    Set<String> names() {
        return variables.keySet();
    }

    boolean has(String name) {
        return variables.containsKey(name);
    }

    Variable variable(String name) {
        Variable variable = variables.get(name);
        if (variable == null) {
            throw new InvalidRequestException("the " + specName + " model has no variable " + name);
        }
        return variable;
    }

    long[] shape(String name) {
        return variable(name).shape().clone();
    }

    /** A float tensor (float32, float16 or bfloat16) as float32, row-major. */
    float[] floats(String name) {
        Variable v = variable(name);
        long count = v.elements();
        if (count > Integer.MAX_VALUE - 8) {
            throw new InvalidRequestException("tensor " + name + " is too large: " + count + " values");
        }
        float[] out = new float[(int) count];
        switch (v.type()) {
            case FLOAT32 -> bytes(v).asFloatBuffer().get(out);
            case FLOAT16 -> {
                ByteBuffer data = bytes(v);
                for (int i = 0; i < out.length; i++) {
                    out[i] = Float.float16ToFloat(data.getShort(2 * i));
                }
            }
            case BFLOAT16 -> {
                ByteBuffer data = bytes(v);
                for (int i = 0; i < out.length; i++) {
                    out[i] = Float.intBitsToFloat(Short.toUnsignedInt(data.getShort(2 * i)) << 16);
                }
            }
            default -> throw new InvalidRequestException("tensor " + name + " is stored as " + v.type()
                    + " (quantized CTranslate2 models are not read; float32, float16 and bfloat16 are)");
        }
        return out;
    }

    /** A scalar integer or boolean (int8, int16 or int32). */
    int scalar(String name) {
        Variable v = variable(name);
        if (v.elements() != 1) {
            throw new InvalidRequestException(name + " is not a scalar: " + Arrays.toString(v.shape()));
        }
        ByteBuffer data = bytes(v);
        return switch (v.type()) {
            case INT8 -> data.get(0);
            case INT16 -> data.getShort(0);
            case INT32 -> data.getInt(0);
            default -> throw new InvalidRequestException(name + " is not an integer scalar but " + v.type());
        };
    }

    /** A tensor's bytes, little-endian. */
    private ByteBuffer bytes(Variable v) {
        try {
            return readFully(file, v.offset(), (int) v.byteCount());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tensor " + v.name() + ": " + e.getMessage(), e);
        }
    }

    private static ByteBuffer readFully(FileChannel file, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (file.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of file at " + (position + buffer.position()));
            }
        }
        return buffer.flip();
    }

    @Override
    public void close() {
        try {
            file.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the header, refusing to run past the end of the file. */
    private static final class Cursor {
        private final FileChannel file;
        private final Path path;
        private final long size;
        private long position;

        Cursor(FileChannel file, Path path) throws IOException {
            this.file = file;
            this.path = path;
            this.size = file.size();
        }

        int u8() throws IOException {
            return Byte.toUnsignedInt(read(1).get());
        }

        int u32() throws IOException {
            return read(4).getInt();
        }

        String string() throws IOException {
            int length = Short.toUnsignedInt(read(2).getShort());
            byte[] bytes = read(length).array();
            int end = length > 0 && bytes[length - 1] == 0 ? length - 1 : length;
            return new String(bytes, 0, end, StandardCharsets.UTF_8);
        }

        void skip(long bytes) {
            need(bytes);
            position += bytes;
        }

        private ByteBuffer read(int bytes) throws IOException {
            need(bytes);
            ByteBuffer buffer = readFully(file, position, bytes);
            position += bytes;
            return buffer;
        }

        private void need(long bytes) {
            if (position + bytes > size) {
                throw new InvalidRequestException("truncated CTranslate2 model " + path + ": needs " + bytes
                        + " bytes at offset " + position + " of " + size);
            }
        }
    }
}
