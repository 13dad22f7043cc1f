package org.jfoundry.adapters.modelimport.gguf;

import org.jfoundry.ports.failure.InvalidRequestException;

import java.nio.ByteBuffer;

/**
 * Turns ggml tensor data into float32 values exactly as ggml's reference dequantizers define them (same operations,
 * same order, in float32), so an fp32 conversion computes what llama.cpp's reference path computes.
 */
final class Dequantizer {

    private Dequantizer() {
    }

    /** All values of a tensor, in storage order. */
    static float[] toFloats(GgufTensor tensor, ByteBuffer data) {
        long count = tensor.elements();
        if (count > Integer.MAX_VALUE - 8) {
            throw new InvalidRequestException("tensor " + tensor.name() + " has " + count
                    + " values, more than one Java array holds");
        }
        float[] out = new float[(int) count];
        decode(tensor.type(), data, out, tensor.name());
        return out;
    }

    /** Decodes {@code out.length} values of {@code type} from the start of {@code data}. */
    static void decode(GgmlType type, ByteBuffer data, float[] out, String name) {
        ByteBuffer in = data.duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int blocks = out.length / type.blockSize;
        switch (type) {
            case F32 -> in.asFloatBuffer().get(out);
            case F16 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = Float.float16ToFloat(in.getShort(2 * i));
                }
            }
            case Q4_0 -> {
                for (int b = 0; b < blocks; b++) {
                    q40(in, b * 18, out, b * 32);
                }
            }
            case Q4_1 -> {
                for (int b = 0; b < blocks; b++) {
                    q41(in, b * 20, out, b * 32);
                }
            }
            case Q8_0 -> {
                for (int b = 0; b < blocks; b++) {
                    q80(in, b * 34, out, b * 32);
                }
            }
            case Q4_K -> {
                for (int b = 0; b < blocks; b++) {
                    q4k(in, b * 144, out, b * 256);
                }
            }
            case Q6_K -> {
                for (int b = 0; b < blocks; b++) {
                    q6k(in, b * 210, out, b * 256);
                }
            }
            default -> throw unsupported(type, name);
        }
    }

    static InvalidRequestException unsupported(GgmlType type, String tensorName) {
        return new InvalidRequestException("unsupported GGUF tensor type " + type + " (tensor " + tensorName
                + "); supported: F32, F16, Q8_0, Q4_0, Q4_1, Q4_K, Q6_K");
    }

    private static float half(ByteBuffer in, int at) {
        return Float.float16ToFloat(in.getShort(at));
    }

    /** {@code d, qs[16]}: low nibbles are values 0..15, high nibbles 16..31, each (q - 8) * d. */
    private static void q40(ByteBuffer in, int at, float[] out, int to) {
        float d = half(in, at);
        for (int j = 0; j < 16; j++) {
            int q = in.get(at + 2 + j) & 0xFF;
            out[to + j] = ((q & 0x0F) - 8) * d;
            out[to + j + 16] = ((q >>> 4) - 8) * d;
        }
    }

    /** {@code d, m, qs[16]}: as Q4_0 but each value is q * d + m. */
    private static void q41(ByteBuffer in, int at, float[] out, int to) {
        float d = half(in, at);
        float m = half(in, at + 2);
        for (int j = 0; j < 16; j++) {
            int q = in.get(at + 4 + j) & 0xFF;
            out[to + j] = (q & 0x0F) * d + m;
            out[to + j + 16] = (q >>> 4) * d + m;
        }
    }

    /** {@code d, qs[32]} signed bytes, each q * d. */
    private static void q80(ByteBuffer in, int at, float[] out, int to) {
        float d = half(in, at);
        for (int j = 0; j < 32; j++) {
            out[to + j] = in.get(at + 2 + j) * d;
        }
    }

    /**
     * {@code d, dmin, scales[12], qs[128]}: eight sub-blocks of 32 with 6-bit scales and mins packed in 12 bytes;
     * each 64 values share 32 bytes, low nibbles first.
     */
    private static void q4k(ByteBuffer in, int at, float[] out, int to) {
        float d = half(in, at);
        float dmin = half(in, at + 2);
        int scales = at + 4;
        int qs = at + 16;
        for (int chunk = 0; chunk < 4; chunk++) {
            int sub = 2 * chunk;
            float d1 = d * scale(in, scales, sub);
            float m1 = dmin * min(in, scales, sub);
            float d2 = d * scale(in, scales, sub + 1);
            float m2 = dmin * min(in, scales, sub + 1);
            for (int l = 0; l < 32; l++) {
                int q = in.get(qs + 32 * chunk + l) & 0xFF;
                out[to + 64 * chunk + l] = d1 * (q & 0x0F) - m1;
                out[to + 64 * chunk + 32 + l] = d2 * (q >>> 4) - m2;
            }
        }
    }

    /** The 6-bit scale of sub-block {@code j} (ggml's get_scale_min_k4). */
    private static int scale(ByteBuffer in, int scales, int j) {
        if (j < 4) {
            return in.get(scales + j) & 63;
        }
        return (in.get(scales + j + 4) & 0x0F) | (((in.get(scales + j - 4) & 0xFF) >>> 6) << 4);
    }

    private static int min(ByteBuffer in, int scales, int j) {
        if (j < 4) {
            return in.get(scales + j + 4) & 63;
        }
        return ((in.get(scales + j + 4) & 0xFF) >>> 4) | (((in.get(scales + j) & 0xFF) >>> 6) << 4);
    }

    /**
     * {@code ql[128], qh[64], scales[16], d}: 6-bit values, low 4 bits in ql and high 2 in qh, minus 32, times
     * d and a signed 8-bit scale per 16 values.
     */
    private static void q6k(ByteBuffer in, int at, float[] out, int to) {
        float d = half(in, at + 208);
        for (int half = 0; half < 2; half++) {
            int ql = at + 64 * half;
            int qh = at + 128 + 32 * half;
            int sc = at + 192 + 8 * half;
            int base = to + 128 * half;
            for (int l = 0; l < 32; l++) {
                int is = l / 16;
                int low0 = in.get(ql + l) & 0xFF;
                int low1 = in.get(ql + l + 32) & 0xFF;
                int high = in.get(qh + l) & 0xFF;
                int q1 = ((low0 & 0x0F) | ((high & 3) << 4)) - 32;
                int q2 = ((low1 & 0x0F) | (((high >>> 2) & 3) << 4)) - 32;
                int q3 = ((low0 >>> 4) | (((high >>> 4) & 3) << 4)) - 32;
                int q4 = ((low1 >>> 4) | (((high >>> 6) & 3) << 4)) - 32;
                out[base + l] = d * in.get(sc + is) * q1;
                out[base + l + 32] = d * in.get(sc + is + 2) * q2;
                out[base + l + 64] = d * in.get(sc + is + 4) * q3;
                out[base + l + 96] = d * in.get(sc + is + 6) * q4;
            }
        }
    }
}
