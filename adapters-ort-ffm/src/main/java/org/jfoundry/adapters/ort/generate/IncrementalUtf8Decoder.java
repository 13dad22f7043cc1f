package org.jfoundry.adapters.ort.generate;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns token bytes into text as they arrive. A byte-level token may end in the middle of a character; those bytes
 * wait for the next token, so every chunk handed on is whole characters. Bytes that can never form a character
 * become U+FFFD instead of stalling the stream.
 */
final class IncrementalUtf8Decoder {

    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private byte[] pending = new byte[16];
    private int length;

    /** Adds bytes and returns the text that is complete now (possibly empty). */
    String append(byte[] bytes) {
        if (length + bytes.length > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, length + bytes.length));
        }
        System.arraycopy(bytes, 0, pending, length, bytes.length);
        length += bytes.length;
        int complete = completePrefixLength();
        if (complete == 0) {
            return "";
        }
        String text = decode(0, complete);
        System.arraycopy(pending, complete, pending, 0, length - complete);
        length -= complete;
        return text;
    }

    /** Whatever is left at the end of generation: an unfinished character becomes U+FFFD. */
    String flush() {
        String text = length == 0 ? "" : decode(0, length);
        length = 0;
        return text;
    }

    /** Length of the prefix that does not end inside a character that more bytes could still complete. */
    private int completePrefixLength() {
        // A character is at most 4 bytes, so only the last 3 bytes can start an unfinished one.
        for (int back = 1; back <= Math.min(3, length); back++) {
            int b = pending[length - back] & 0xFF;
            if ((b & 0xC0) == 0x80) {
                continue; // a continuation byte: look further back for its lead byte
            }
            int needed = b >= 0xF5 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 ? 2 : 1;
            return needed > back ? length - back : length;
        }
        return length;
    }

    private String decode(int from, int to) {
        try {
            decoder.reset();
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(pending, from, to - from));
            return chars.toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder cannot fail", e);
        }
    }
}
