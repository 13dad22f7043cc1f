package org.jfoundry.adapters.ort.genai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The bytes each token of a byte-level BPE tokenizer.json stands for (GPT-2's byte-to-character mapping undone). */
final class TokenBytes {

    private final Map<Integer, byte[]> bytesById;

    private TokenBytes(Map<Integer, byte[]> bytesById) {
        this.bytesById = bytesById;
    }

    static TokenBytes of(Path folder) {
        Map<Integer, Integer> byteOfChar = byteOfChar();
        Map<Integer, byte[]> bytesById = new HashMap<>();
        try {
            JsonNode vocab = new ObjectMapper().readTree(folder.resolve("tokenizer.json").toFile())
                    .path("model").path("vocab");
            vocab.properties().forEach(entry -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                entry.getKey().codePoints().forEach(c -> out.write(byteOfChar.get(c)));
                bytesById.put(entry.getValue().asInt(), out.toByteArray());
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TokenBytes(bytesById);
    }

    /** The ids' bytes as UTF-8, malformed sequences replaced by U+FFFD; ids outside the vocabulary are skipped. */
    String decode(List<Integer> ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ids.stream().map(bytesById::get).filter(b -> b != null).forEach(out::writeBytes);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** GPT-2's bytes_to_unicode, inverted: printable bytes stand for themselves, the rest for 256 + n. */
    private static Map<Integer, Integer> byteOfChar() {
        Map<Integer, Integer> map = new HashMap<>();
        int shifted = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            map.put(printable ? b : 256 + shifted++, b);
        }
        return map;
    }
}
