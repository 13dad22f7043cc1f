package org.jfoundry.adapters.ort.speech;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.jfoundry.ports.failure.InvalidRequestException;

/**
 * Reads RIFF/WAVE files: integer PCM of 8, 16, 24 or 32 bits and IEEE float of 32 or 64 bits, plain or
 * WAVE_FORMAT_EXTENSIBLE, any number of channels (averaged into one). Anything else is an
 * {@link InvalidRequestException} on the parameter {@code file} that says what was found.
 */
final class WavDecoder {

    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_FLOAT = 3;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;

    private WavDecoder() {
    }

    /** Whether the bytes start like a WAV file (RIFF....WAVE). */
    static boolean looksLikeWav(byte[] bytes) {
        return bytes.length >= 12 && ascii(bytes, 0).equals("RIFF") && ascii(bytes, 8).equals("WAVE");
    }

    static MonoAudio decode(byte[] bytes) {
        if (bytes.length == 0) {
            throw invalid("the audio file is empty");
        }
        if (!looksLikeWav(bytes)) {
            throw invalid("unsupported audio format: expected a WAV (RIFF/WAVE) file");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        in.position(12);
        Format format = null;
        while (in.remaining() >= 8) {
            String id = ascii(bytes, in.position());
            in.position(in.position() + 4);
            long declared = Integer.toUnsignedLong(in.getInt());
            // Streamed WAVs declare 0 or 0xFFFFFFFF for data; the file's end is the real limit.
            int size = (int) Math.min(declared, in.remaining());
            if (id.equals("fmt ")) {
                format = Format.read(in.slice(in.position(), size).order(ByteOrder.LITTLE_ENDIAN));
            } else if (id.equals("data")) {
                if (format == null) {
                    throw invalid("malformed WAV file: the data chunk comes before the fmt chunk");
                }
                if (declared == 0) {
                    size = in.remaining(); // a recorder that never came back to write the size
                }
                return format.decode(in.slice(in.position(), size).order(ByteOrder.LITTLE_ENDIAN));
            }
            in.position(Math.min(in.limit(), in.position() + size + (size & 1)));
        }
        throw invalid(format == null ? "malformed WAV file: no fmt chunk" : "malformed WAV file: no data chunk");
    }

    private record Format(boolean floating, int channels, int sampleRate, int bitsPerSample, int blockAlign) {

        static Format read(ByteBuffer fmt) {
            if (fmt.remaining() < 16) {
                throw invalid("malformed WAV file: fmt chunk of " + fmt.remaining() + " bytes");
            }
            int tag = Short.toUnsignedInt(fmt.getShort());
            int channels = Short.toUnsignedInt(fmt.getShort());
            int sampleRate = fmt.getInt();
            fmt.getInt(); // byte rate, implied by the rest
            int blockAlign = Short.toUnsignedInt(fmt.getShort());
            int bits = Short.toUnsignedInt(fmt.getShort());
            if (tag == FORMAT_EXTENSIBLE) {
                if (fmt.remaining() < 2 + 22) {
                    throw invalid("malformed WAV file: WAVE_FORMAT_EXTENSIBLE without its sub-format");
                }
                fmt.position(fmt.position() + 2 + 6); // cbSize, valid bits, channel mask
                tag = Short.toUnsignedInt(fmt.getShort()); // first two bytes of the sub-format GUID
            }
            boolean floating = switch (tag) {
                case FORMAT_PCM -> {
                    if (bits != 8 && bits != 16 && bits != 24 && bits != 32) {
                        throw invalid("unsupported WAV encoding: " + bits + "-bit integer PCM");
                    }
                    yield false;
                }
                case FORMAT_FLOAT -> {
                    if (bits != 32 && bits != 64) {
                        throw invalid("unsupported WAV encoding: " + bits + "-bit float");
                    }
                    yield true;
                }
                default -> throw invalid("unsupported WAV encoding: format tag 0x" + Integer.toHexString(tag)
                        + " (only integer PCM and IEEE float are read)");
            };
            if (channels == 0 || sampleRate <= 0) {
                throw invalid("malformed WAV file: " + channels + " channels at " + sampleRate + " Hz");
            }
            if (blockAlign != channels * (bits / 8)) {
                throw invalid("malformed WAV file: block size " + blockAlign + " for " + channels + " channels of "
                        + bits + " bits");
            }
            return new Format(floating, channels, sampleRate, bits, blockAlign);
        }

        MonoAudio decode(ByteBuffer data) {
            int frames = data.remaining() / blockAlign;
            if (frames == 0) {
                throw invalid("the audio file has no samples");
            }
            float[] mono = new float[frames];
            float perChannel = 1f / channels;
            for (int i = 0; i < frames; i++) {
                float sum = 0;
                for (int c = 0; c < channels; c++) {
                    sum += sample(data);
                }
                mono[i] = sum * perChannel;
            }
            return new MonoAudio(mono, sampleRate);
        }

        private float sample(ByteBuffer data) {
            if (floating) {
                return bitsPerSample == 32 ? data.getFloat() : (float) data.getDouble();
            }
            return switch (bitsPerSample) {
                case 8 -> (Byte.toUnsignedInt(data.get()) - 128) / 128f; // 8-bit WAV is unsigned
                case 16 -> data.getShort() / 32768f;
                case 24 -> {
                    int low = Short.toUnsignedInt(data.getShort());
                    int high = data.get(); // sign carries in the top byte
                    yield ((high << 16) | low) / 8388608f;
                }
                default -> (float) (data.getInt() / 2147483648.0);
            };
        }
    }

    private static String ascii(byte[] bytes, int at) {
        return new String(bytes, at, Math.min(4, bytes.length - at), StandardCharsets.US_ASCII);
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(message, "file");
    }
}
