package org.jfoundry.adapters.modelimport.whisper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Writes CTranslate2 model.bin files (binary version 6) for tests, as CTranslate2's ModelSpec._serialize does. */
final class CTranslate2Writer {

    private record Tensor(long[] shape, int type, byte[] bytes) {
    }

    private final String spec;
    private final Map<String, Tensor> variables = new TreeMap<>();
    private final List<String[]> aliases = new ArrayList<>();

    CTranslate2Writer(String spec) {
        this.spec = spec;
    }

    CTranslate2Writer float16(String name, float[] values, long... shape) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            bytes.putShort(Float.floatToFloat16(v));
        }
        variables.put(name, new Tensor(shape, 4, bytes.array()));
        return this;
    }

    CTranslate2Writer float32(String name, float[] values, long... shape) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            bytes.putFloat(v);
        }
        variables.put(name, new Tensor(shape, 0, bytes.array()));
        return this;
    }

    CTranslate2Writer int8Scalar(String name, int value) {
        variables.put(name, new Tensor(new long[0], 1, new byte[] {(byte) value}));
        return this;
    }

    CTranslate2Writer int16Scalar(String name, int value) {
        variables.put(name, new Tensor(new long[0], 2, new byte[] {(byte) value, (byte) (value >> 8)}));
        return this;
    }

    CTranslate2Writer alias(String alias, String target) {
        aliases.add(new String[] {alias, target});
        return this;
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        u32(out, 6);
        string(out, spec);
        u32(out, 3);
        u32(out, variables.size());
        variables.forEach((name, tensor) -> {
            string(out, name);
            out.write(tensor.shape().length);
            for (long dim : tensor.shape()) {
                u32(out, (int) dim);
            }
            out.write(tensor.type());
            u32(out, tensor.bytes().length);
            out.writeBytes(tensor.bytes());
        });
        u32(out, aliases.size());
        for (String[] alias : aliases) {
            string(out, alias[0]);
            string(out, alias[1]);
        }
        return out.toByteArray();
    }

    Path writeTo(Path file) throws IOException {
        return Files.write(file, bytes());
    }

    private static void u32(ByteArrayOutputStream out, int value) {
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
    }

    private static void string(ByteArrayOutputStream out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) (bytes.length + 1))
                .array());
        out.writeBytes(bytes);
        out.write(0);
    }
}
