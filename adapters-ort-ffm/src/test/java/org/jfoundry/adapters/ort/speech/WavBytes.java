package org.jfoundry.adapters.ort.speech;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Writes WAV files for tests, in any of the encodings the decoder reads. */
final class WavBytes {

    enum Encoding { PCM8, PCM16, PCM24, PCM32, FLOAT32, FLOAT64 }

    private WavBytes() {
    }

    /** {@code frames[i][c]} is channel c of frame i, in [-1, 1]. */
    static byte[] of(Encoding encoding, int sampleRate, float[][] frames, boolean extensible) {
        int channels = frames[0].length;
        int bytesPerSample = switch (encoding) {
            case PCM8 -> 1;
            case PCM16 -> 2;
            case PCM24 -> 3;
            case PCM32, FLOAT32 -> 4;
            case FLOAT64 -> 8;
        };
        boolean floating = encoding == Encoding.FLOAT32 || encoding == Encoding.FLOAT64;
        ByteBuffer data = ByteBuffer.allocate(frames.length * channels * bytesPerSample).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] frame : frames) {
            for (float v : frame) {
                switch (encoding) {
                    case PCM8 -> data.put((byte) (Math.round(v * 127) + 128));
                    case PCM16 -> data.putShort((short) Math.round(v * 32767));
                    case PCM24 -> {
                        int s = Math.round(v * 8388607);
                        data.put((byte) s).put((byte) (s >> 8)).put((byte) (s >> 16));
                    }
                    case PCM32 -> data.putInt((int) Math.round(v * 2147483647.0));
                    case FLOAT32 -> data.putFloat(v);
                    case FLOAT64 -> data.putDouble(v);
                }
            }
        }
        int tag = floating ? 3 : 1;
        ByteBuffer fmt = ByteBuffer.allocate(extensible ? 40 : 16).order(ByteOrder.LITTLE_ENDIAN);
        fmt.putShort((short) (extensible ? 0xFFFE : tag)).putShort((short) channels).putInt(sampleRate)
                .putInt(sampleRate * channels * bytesPerSample).putShort((short) (channels * bytesPerSample))
                .putShort((short) (bytesPerSample * 8));
        if (extensible) {
            fmt.putShort((short) 22).putShort((short) (bytesPerSample * 8)).putInt(0).putShort((short) tag)
                    .put(new byte[] {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71});
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] fmtBytes = fmt.array();
        byte[] dataBytes = data.array();
        ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        header.put(ascii("RIFF")).putInt(4 + 8 + fmtBytes.length + 8 + dataBytes.length + 8 + 2).put(ascii("WAVE"));
        out.writeBytes(header.array());
        out.writeBytes(chunk("LIST", new byte[] {1, 2})); // a chunk the decoder must step over
        out.writeBytes(chunk("fmt ", fmtBytes));
        out.writeBytes(chunk("data", dataBytes));
        return out.toByteArray();
    }

    static byte[] mono16(int sampleRate, float[] samples) {
        float[][] frames = new float[samples.length][];
        for (int i = 0; i < samples.length; i++) {
            frames[i] = new float[] {samples[i]};
        }
        return of(Encoding.PCM16, sampleRate, frames, false);
    }

    private static byte[] chunk(String id, byte[] body) {
        ByteBuffer chunk = ByteBuffer.allocate(8 + body.length + (body.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        chunk.put(ascii(id)).putInt(body.length).put(body);
        return chunk.array();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
