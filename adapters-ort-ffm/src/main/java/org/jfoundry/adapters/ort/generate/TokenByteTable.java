package org.jfoundry.adapters.ort.generate;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The bytes each token id stands for, read from {@code tokenizer.json}, so streaming decodes one token at a time
 * without re-decoding the whole sequence. Knows the two BPE flavours of generative models: byte-level (GPT-2, Qwen)
 * and SentencePiece-style ({@code ▁} for spaces, {@code <0xXX>} byte fallback). Special tokens decode to nothing,
 * as with {@code skip_special_tokens}.
 */
final class TokenByteTable {

    private static final byte[] NOTHING = new byte[0];

    private final byte[][] bytes;
    private final BitSet special;

    private TokenByteTable(byte[][] bytes, BitSet special) {
        this.bytes = bytes;
        this.special = special;
    }

    static TokenByteTable from(JsonNode tokenizerJson) {
        JsonNode model = tokenizerJson.path("model");
        JsonNode vocab = model.path("vocab");
        if (!vocab.isObject()) {
            throw new IllegalArgumentException("tokenizer.json has no model.vocab object (only BPE tokenizers are supported)");
        }
        Flavour flavour = Flavour.of(tokenizerJson);
        Map<Integer, byte[]> byId = new HashMap<>();
        int maxId = -1;
        for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            int id = entry.getValue().asInt();
            byId.put(id, flavour.bytesOf(entry.getKey()));
            maxId = Math.max(maxId, id);
        }
        BitSet special = new BitSet();
        for (JsonNode added : tokenizerJson.path("added_tokens")) {
            int id = added.path("id").asInt();
            byId.put(id, added.path("content").asText().getBytes(StandardCharsets.UTF_8));
            if (added.path("special").asBoolean(false)) {
                special.set(id);
            }
            maxId = Math.max(maxId, id);
        }
        byte[][] table = new byte[maxId + 1][];
        byId.forEach((id, value) -> table[id] = value);
        return new TokenByteTable(table, special);
    }

    /** The bytes of a token; empty for special tokens and for ids the tokenizer does not know (padded vocabularies). */
    byte[] bytesOf(long id) {
        if (id < 0 || id >= bytes.length || special.get((int) id) || bytes[(int) id] == null) {
            return NOTHING;
        }
        return bytes[(int) id];
    }

    private enum Flavour {
        BYTE_LEVEL, SENTENCE_PIECE, PLAIN;

        static Flavour of(JsonNode tokenizerJson) {
            String decoders = tokenizerJson.path("decoder").toString();
            if (decoders.contains("\"ByteLevel\"")) {
                return BYTE_LEVEL;
            }
            if (decoders.contains("\"ByteFallback\"") || decoders.contains("▁")
                    || tokenizerJson.path("model").path("byte_fallback").asBoolean(false)) {
                return SENTENCE_PIECE;
            }
            return PLAIN;
        }

        byte[] bytesOf(String token) {
            return switch (this) {
                case BYTE_LEVEL -> byteLevel(token);
                case SENTENCE_PIECE -> sentencePiece(token);
                case PLAIN -> token.getBytes(StandardCharsets.UTF_8);
            };
        }

        private static byte[] byteLevel(String token) {
            byte[] out = new byte[token.length()];
            for (int i = 0; i < token.length(); i++) {
                int b = ByteLevelAlphabet.byteOf(token.charAt(i));
                if (b < 0) {
                    return token.getBytes(StandardCharsets.UTF_8);
                }
                out[i] = (byte) b;
            }
            return out;
        }

        private static byte[] sentencePiece(String token) {
            if (token.length() == 6 && token.startsWith("<0x") && token.endsWith(">")) {
                try {
                    return new byte[]{(byte) Integer.parseInt(token.substring(3, 5), 16)};
                } catch (NumberFormatException notAByte) {
                    // an ordinary token that merely looks like one
                }
            }
            return token.replace('▁', ' ').getBytes(StandardCharsets.UTF_8);
        }
    }

    /** GPT-2's reversible map between bytes and printable characters used in byte-level vocabularies. */
    static final class ByteLevelAlphabet {
        private static final int[] BYTE_OF_CHAR = new int[512];

        static {
            java.util.Arrays.fill(BYTE_OF_CHAR, -1);
            int shifted = 0;
            for (int b = 0; b < 256; b++) {
                boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
                int c = printable ? b : 256 + shifted++;
                BYTE_OF_CHAR[c] = b;
            }
        }

        private ByteLevelAlphabet() {
        }

        static int byteOf(char c) {
            return c < BYTE_OF_CHAR.length ? BYTE_OF_CHAR[c] : -1;
        }
    }
}
