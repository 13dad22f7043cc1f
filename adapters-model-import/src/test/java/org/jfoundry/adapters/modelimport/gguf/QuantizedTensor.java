package org.jfoundry.adapters.modelimport.gguf;

import java.util.SplittableRandom;

/**
 * A random tensor of one ggml type: the packed bytes a GGUF stores and the values they stand for, computed here
 * from the chosen integers and scales (element by element, from the block formats of ggml's documentation), not
 * with the dequantizer under test.
 */
record QuantizedTensor(byte[] bytes, float[] values) {

    /** {@code count} values whose magnitude is about {@code scale}. */
    static QuantizedTensor random(GgmlType type, int count, double scale, SplittableRandom random) {
        byte[] bytes = new byte[(int) type.bytesFor(count)];
        float[] values = new float[count];
        for (int block = 0; block < count / type.blockSize; block++) {
            int at = block * type.blockBytes;
            int from = block * type.blockSize;
            switch (type) {
                case F32 -> {
                    values[from] = (float) ((random.nextDouble() * 2 - 1) * scale);
                    putInt(bytes, at, Float.floatToRawIntBits(values[from]));
                }
                case F16 -> {
                    short bits = Float.floatToFloat16((float) ((random.nextDouble() * 2 - 1) * scale));
                    values[from] = Float.float16ToFloat(bits);
                    putShort(bytes, at, bits);
                }
                case Q4_0 -> {
                    float d = half(bytes, at, scale / 8 * (0.5 + random.nextDouble()));
                    for (int e = 0; e < 32; e++) {
                        int q = random.nextInt(16);
                        nibble(bytes, at + 2 + e % 16, e >= 16, q);
                        values[from + e] = (q - 8) * d;
                    }
                }
                case Q4_1 -> {
                    float d = half(bytes, at, scale / 8 * (0.5 + random.nextDouble()));
                    float m = half(bytes, at + 2, -scale * random.nextDouble());
                    for (int e = 0; e < 32; e++) {
                        int q = random.nextInt(16);
                        nibble(bytes, at + 4 + e % 16, e >= 16, q);
                        values[from + e] = q * d + m;
                    }
                }
                case Q8_0 -> {
                    float d = half(bytes, at, scale / 128 * (0.5 + random.nextDouble()));
                    for (int e = 0; e < 32; e++) {
                        int q = random.nextInt(256) - 128;
                        bytes[at + 2 + e] = (byte) q;
                        values[from + e] = q * d;
                    }
                }
                case Q4_K -> q4k(bytes, at, values, from, scale, random);
                case Q6_K -> q6k(bytes, at, values, from, scale, random);
                default -> throw new IllegalArgumentException(type.toString());
            }
        }
        return new QuantizedTensor(bytes, values);
    }

    /**
     * Eight sub-blocks of 32 with 6-bit scales {@code sc} and mins {@code mn}: value = d * sc * q - dmin * mn.
     * Sub-block s lives in the nibbles of bytes 32 * (s / 2) .. +32, low nibbles for even s; scales and mins of
     * sub-blocks 0-3 are the low 6 bits of bytes 0-3 and 4-7, those of 4-7 split into bytes 8-11 (low 4 bits)
     * and the top 2 bits of bytes 0-3 and 4-7.
     */
    private static void q4k(byte[] bytes, int at, float[] values, int from, double scale, SplittableRandom random) {
        float d = half(bytes, at, scale / 15 / 32 * (0.5 + random.nextDouble()));
        float dmin = half(bytes, at + 2, scale / 63 * random.nextDouble());
        int[] sc = new int[8];
        int[] mn = new int[8];
        for (int s = 0; s < 8; s++) {
            sc[s] = random.nextInt(64);
            mn[s] = random.nextInt(64);
        }
        int scales = at + 4;
        for (int j = 0; j < 4; j++) {
            bytes[scales + j] = (byte) ((sc[j] & 63) | ((sc[j + 4] >> 4) << 6));
            bytes[scales + j + 4] = (byte) ((mn[j] & 63) | ((mn[j + 4] >> 4) << 6));
            bytes[scales + j + 8] = (byte) ((sc[j + 4] & 15) | ((mn[j + 4] & 15) << 4));
        }
        for (int e = 0; e < 256; e++) {
            int s = e / 32;
            int q = random.nextInt(16);
            nibble(bytes, at + 16 + 32 * (s / 2) + e % 32, s % 2 == 1, q);
            values[from + e] = d * sc[s] * q - dmin * mn[s];
        }
    }

    /**
     * 6-bit values minus 32 times d and a signed scale per 16 values. Element e of half h = e / 128 (r = e % 128,
     * l = r % 32, quarter = r / 32): low 4 bits in byte 64h + l + 32 (quarter % 2), low nibble for quarters 0-1,
     * high 2 bits in byte 128 + 32h + l at bit 2 * quarter; scale index 8h + l / 16 + 2 * quarter.
     */
    private static void q6k(byte[] bytes, int at, float[] values, int from, double scale, SplittableRandom random) {
        byte[] sc = new byte[16];
        for (int i = 0; i < 16; i++) {
            sc[i] = (byte) (random.nextInt(256) - 128);
            bytes[at + 192 + i] = sc[i];
        }
        float d = half(bytes, at + 208, scale / 32 / 128 * (0.5 + random.nextDouble()));
        for (int e = 0; e < 256; e++) {
            int h = e / 128;
            int r = e % 128;
            int l = r % 32;
            int quarter = r / 32;
            int q = random.nextInt(64);
            nibble(bytes, at + 64 * h + l + 32 * (quarter % 2), quarter >= 2, q & 15);
            bytes[at + 128 + 32 * h + l] |= (byte) ((q >> 4) << (2 * quarter));
            values[from + e] = d * sc[8 * h + l / 16 + 2 * quarter] * (q - 32);
        }
    }

    private static void nibble(byte[] bytes, int index, boolean high, int value) {
        bytes[index] |= (byte) (high ? value << 4 : value);
    }

    /** Stores a float16 and returns the float it stands for. */
    private static float half(byte[] bytes, int at, double value) {
        short bits = Float.floatToFloat16((float) value);
        putShort(bytes, at, bits);
        return Float.float16ToFloat(bits);
    }

    private static void putShort(byte[] bytes, int at, short value) {
        bytes[at] = (byte) value;
        bytes[at + 1] = (byte) (value >> 8);
    }

    private static void putInt(byte[] bytes, int at, int value) {
        for (int i = 0; i < 4; i++) {
            bytes[at + i] = (byte) (value >> (8 * i));
        }
    }
}
