package org.jfoundry.adapters.modelimport.gguf;

import org.jfoundry.ports.failure.InvalidRequestException;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A GGUF file (versions 2 and 3), memory-mapped: the header, metadata and tensor table are read once when it is
 * opened; tensor data is mapped one tensor at a time when asked for, so reading costs no heap.
 *
 * <p>Metadata values are {@code Long} (every integer type), {@code Double} or {@code Float}, {@code Boolean},
 * {@code String}, or {@code List} of those for arrays.
 */
final class GgufFile implements AutoCloseable {

    static final int MAGIC = 0x46554747; // "GGUF" read little-endian
    private static final int DEFAULT_ALIGNMENT = 32;
    /** Header, metadata and tensor table must fit in this prefix (a 150k-token vocabulary needs a few MB). */
    private static final long HEADER_WINDOW = Integer.MAX_VALUE;

    private final Path path;
    private final FileChannel channel;
    private final int version;
    private final Map<String, Object> metadata;
    private final Map<String, GgufTensor> tensors;
    private final long dataStart;
    private final long fileSize;

    private GgufFile(Path path, FileChannel channel, int version, Map<String, Object> metadata,
                     Map<String, GgufTensor> tensors, long dataStart, long fileSize) {
        this.path = path;
        this.channel = channel;
        this.version = version;
        this.metadata = metadata;
        this.tensors = tensors;
        this.dataStart = dataStart;
        this.fileSize = fileSize;
    }

    /** True when the file starts with the GGUF magic. */
    static boolean hasMagic(Path path) {
        if (!Files.isRegularFile(path)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            return channel.read(head, 0) == 4 && head.getInt(0) == MAGIC;
        } catch (IOException e) {
            return false;
        }
    }

    static GgufFile open(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            long size = channel.size();
            MappedByteBuffer header = channel.map(FileChannel.MapMode.READ_ONLY, 0, Math.min(size, HEADER_WINDOW));
            header.order(ByteOrder.LITTLE_ENDIAN);
            return read(path, channel, header, size);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            channel.close();
            throw new InvalidRequestException(path.getFileName() + " is not a readable GGUF file: it ends inside its header");
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static GgufFile read(Path path, FileChannel channel, ByteBuffer in, long size) {
        if (size < 24 || in.getInt() != MAGIC) {
            throw new InvalidRequestException(path.getFileName() + " is not a GGUF file (no GGUF magic)");
        }
        int version = in.getInt();
        if (version != 2 && version != 3) {
            throw new InvalidRequestException("unsupported GGUF version " + version + " in " + path.getFileName()
                    + "; versions 2 and 3 are supported");
        }
        long tensorCount = in.getLong();
        long metadataCount = in.getLong();
        Map<String, Object> metadata = new LinkedHashMap<>();
        for (long i = 0; i < metadataCount; i++) {
            String key = string(in);
            metadata.put(key, value(in, in.getInt(), key));
        }
        List<GgufTensor> table = new ArrayList<>();
        for (long i = 0; i < tensorCount; i++) {
            String name = string(in);
            int dimCount = in.getInt();
            if (dimCount < 1 || dimCount > 4) {
                throw new InvalidRequestException("tensor " + name + " has " + dimCount + " dimensions");
            }
            long[] dims = new long[dimCount];
            for (int d = 0; d < dimCount; d++) {
                dims[d] = in.getLong();
            }
            int typeId = in.getInt();
            GgmlType type = GgmlType.byId(typeId).orElseThrow(() -> new InvalidRequestException(
                    "unsupported tensor type id " + typeId + " (tensor " + name + ")"));
            table.add(new GgufTensor(name, dims, type, in.getLong()));
        }
        long alignment = metadata.get("general.alignment") instanceof Long a && a > 0 ? a : DEFAULT_ALIGNMENT;
        long dataStart = (in.position() + alignment - 1) / alignment * alignment;
        Map<String, GgufTensor> tensors = new LinkedHashMap<>();
        for (GgufTensor tensor : table) {
            if (tensor.type().supported && dataStart + tensor.offset() + tensor.byteSize() > size) {
                throw new InvalidRequestException("tensor " + tensor.name() + " lies past the end of "
                        + path.getFileName() + "; the file is truncated");
            }
            tensors.put(tensor.name(), tensor);
        }
        return new GgufFile(path, channel, version, Collections.unmodifiableMap(metadata),
                Collections.unmodifiableMap(tensors), dataStart, size);
    }

    private static String string(ByteBuffer in) {
        long length = in.getLong();
        if (length < 0 || length > in.remaining()) {
            throw new BufferUnderflowException();
        }
        byte[] bytes = new byte[(int) length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static Object value(ByteBuffer in, int type, String key) {
        return switch (type) {
            case 0 -> (long) Byte.toUnsignedInt(in.get());
            case 1 -> (long) in.get();
            case 2 -> (long) Short.toUnsignedInt(in.getShort());
            case 3 -> (long) in.getShort();
            case 4 -> Integer.toUnsignedLong(in.getInt());
            case 5 -> (long) in.getInt();
            case 6 -> in.getFloat();
            case 7 -> in.get() != 0;
            case 8 -> string(in);
            case 9 -> array(in, key);
            case 10, 11 -> in.getLong();
            case 12 -> in.getDouble();
            default -> throw new InvalidRequestException("unknown GGUF metadata value type " + type + " for " + key);
        };
    }

    private static List<Object> array(ByteBuffer in, String key) {
        int elementType = in.getInt();
        long count = in.getLong();
        if (count < 0 || count > in.remaining()) {
            throw new BufferUnderflowException();
        }
        List<Object> values = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            values.add(value(in, elementType, key));
        }
        return Collections.unmodifiableList(values);
    }

    int version() {
        return version;
    }

    Map<String, Object> metadata() {
        return metadata;
    }

    Optional<Object> get(String key) {
        return Optional.ofNullable(metadata.get(key));
    }

    String string(String key) {
        return get(key).map(Object::toString).orElseThrow(() -> missing(key));
    }

    long integer(String key) {
        return get(key).map(GgufFile::asLong).orElseThrow(() -> missing(key));
    }

    Optional<Long> optionalInteger(String key) {
        return get(key).map(GgufFile::asLong);
    }

    int intOr(String key, int fallback) {
        return get(key).map(value -> (int) asLong(value)).orElse(fallback);
    }

    Optional<Double> optionalNumber(String key) {
        return get(key).map(value -> ((Number) value).doubleValue());
    }

    @SuppressWarnings("unchecked")
    <T> List<T> list(String key) {
        return (List<T>) get(key).orElseThrow(() -> missing(key));
    }

    private static long asLong(Object value) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        throw new InvalidRequestException("GGUF metadata value " + value + " is not a number");
    }

    private InvalidRequestException missing(String key) {
        return new InvalidRequestException(path.getFileName() + " lacks the GGUF metadata key " + key);
    }

    Map<String, GgufTensor> tensors() {
        return tensors;
    }

    Optional<GgufTensor> tensor(String name) {
        return Optional.ofNullable(tensors.get(name));
    }

    GgufTensor requireTensor(String name) {
        return tensor(name).orElseThrow(() -> new InvalidRequestException(
                path.getFileName() + " lacks the tensor " + name));
    }

    /** Maps one tensor's bytes, little-endian. The mapping is released when the buffer is collected. */
    ByteBuffer data(GgufTensor tensor) throws IOException {
        long at = dataStart + tensor.offset();
        return channel.map(FileChannel.MapMode.READ_ONLY, at, tensor.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
    }

    long fileSize() {
        return fileSize;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
