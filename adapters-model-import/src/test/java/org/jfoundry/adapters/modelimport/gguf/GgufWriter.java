package org.jfoundry.adapters.modelimport.gguf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes GGUF v3 files for tests, following the format's specification (not the reader under test). */
final class GgufWriter {

    /** A metadata value with its explicit GGUF type id (0 uint8 ... 12 float64). */
    record Typed(int type, Object value) {
    }

    private record Tensor(String name, int type, long[] dims, byte[] data) {
    }

    private final Map<String, Object> metadata = new LinkedHashMap<>();
    private final List<Tensor> tensors = new ArrayList<>();
    private int alignment = 32;

    /** Strings, booleans, Integer (int32), Long (int64), Float, Double, Typed, or Lists of one of those. */
    GgufWriter put(String key, Object value) {
        metadata.put(key, value);
        return this;
    }

    GgufWriter alignment(int bytes) {
        this.alignment = bytes;
        return put("general.alignment", new Typed(4, (long) bytes));
    }

    GgufWriter tensor(String name, GgmlType type, byte[] data, long... dims) {
        tensors.add(new Tensor(name, type.id, dims, data));
        return this;
    }

    /** A tensor of a type id this module may not know, for error tests. */
    GgufWriter tensor(String name, int typeId, byte[] data, long... dims) {
        tensors.add(new Tensor(name, typeId, dims, data));
        return this;
    }

    Path write(Path file) throws IOException {
        Out out = new Out();
        out.u32(0x46554747).u32(3).u64(tensors.size()).u64(metadata.size());
        metadata.forEach((key, value) -> {
            out.string(key);
            out.u32(typeOf(value));
            out.value(value);
        });
        long offset = 0;
        List<Long> offsets = new ArrayList<>();
        for (Tensor tensor : tensors) {
            offset = align(offset);
            offsets.add(offset);
            offset += tensor.data.length;
        }
        for (int i = 0; i < tensors.size(); i++) {
            Tensor tensor = tensors.get(i);
            out.string(tensor.name).u32(tensor.dims.length);
            for (long dim : tensor.dims) {
                out.u64(dim);
            }
            out.u32(tensor.type).u64(offsets.get(i));
        }
        out.padTo(align(out.size()));
        long dataStart = out.size();
        for (int i = 0; i < tensors.size(); i++) {
            out.padTo(dataStart + offsets.get(i));
            out.bytes(tensors.get(i).data);
        }
        Files.write(file, out.toByteArray());
        return file;
    }

    private long align(long at) {
        return (at + alignment - 1) / alignment * alignment;
    }

    private static int typeOf(Object value) {
        return switch (value) {
            case Typed typed -> typed.type;
            case Byte b -> 1;
            case Short s -> 3;
            case Integer i -> 5;
            case Long l -> 11;
            case Float f -> 6;
            case Double d -> 12;
            case Boolean b -> 7;
            case String s -> 8;
            case List<?> list -> 9;
            default -> throw new IllegalArgumentException("no GGUF type for " + value.getClass());
        };
    }

    private static final class Out extends ByteArrayOutputStream {
        private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

        Out u32(long value) {
            scratch.clear();
            write(scratch.putInt((int) value).array(), 0, 4);
            return this;
        }

        Out u64(long value) {
            scratch.clear();
            write(scratch.putLong(value).array(), 0, 8);
            return this;
        }

        Out string(String value) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            u64(bytes.length);
            write(bytes, 0, bytes.length);
            return this;
        }

        Out bytes(byte[] data) {
            write(data, 0, data.length);
            return this;
        }

        void padTo(long at) {
            while (size() < at) {
                write(0);
            }
        }

        void value(Object value) {
            switch (value) {
                case Typed typed -> scalar(typed.type, typed.value);
                case List<?> list -> {
                    int elementType = list.isEmpty() ? 8 : typeOf(list.getFirst());
                    u32(elementType).u64(list.size());
                    list.forEach(this::value);
                }
                default -> scalar(typeOf(value), value);
            }
        }

        private void scalar(int type, Object value) {
            scratch.clear();
            switch (type) {
                case 0, 1 -> write(((Number) value).intValue());
                case 2, 3 -> write(scratch.putShort(((Number) value).shortValue()).array(), 0, 2);
                case 4, 5 -> u32(((Number) value).intValue());
                case 6 -> write(scratch.putFloat(((Number) value).floatValue()).array(), 0, 4);
                case 7 -> write((Boolean) value ? 1 : 0);
                case 8 -> string((String) value);
                case 10, 11 -> u64(((Number) value).longValue());
                case 12 -> write(scratch.putDouble(((Number) value).doubleValue()).array(), 0, 8);
                default -> throw new IllegalArgumentException("type " + type);
            }
        }
    }
}
