package org.jfoundry.adapters.ort.speech;

import org.jfoundry.ports.failure.InvalidRequestException;

/** Recognises an uploaded audio file by its first bytes and decodes it; WAV is read, other formats are named. */
final class AudioFiles {

    private AudioFiles() {
    }

    static MonoAudio decode(byte[] bytes) {
        if (bytes.length == 0) {
            throw new InvalidRequestException("the audio file is empty", "file");
        }
        if (WavDecoder.looksLikeWav(bytes)) {
            return WavDecoder.decode(bytes);
        }
        String format = startsWith(bytes, "fLaC") ? "FLAC"
                : startsWith(bytes, "ID3") || (bytes.length > 1 && (bytes[0] & 0xFF) == 0xFF
                        && (bytes[1] & 0xE0) == 0xE0) ? "MP3"
                : startsWith(bytes, "OggS") ? "Ogg" : null;
        throw new InvalidRequestException("unsupported audio format" + (format == null ? "" : " " + format)
                + ": send a WAV file (PCM 8/16/24/32-bit or float, any rate, any channels)", "file");
    }

    private static boolean startsWith(byte[] bytes, String ascii) {
        if (bytes.length < ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (bytes[i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
