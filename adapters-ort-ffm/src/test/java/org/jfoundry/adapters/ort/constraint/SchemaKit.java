package org.jfoundry.adapters.ort.constraint;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.jfoundry.ports.inference.JsonSchema;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * What the constraint tests share: a vocabulary like a byte-level BPE one (every byte, JSON fragments, words, multi
 * byte characters, whitespace runs), a driver that writes through a cursor by random allowed tokens, and the
 * reference validator.
 */
final class SchemaKit {

    static final ObjectMapper JSON = new ObjectMapper();
    static final int END = 0;
    static final TokenVocabulary VOCABULARY;
    private static final JsonSchemaFactory VALIDATORS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    static {
        Set<String> pieces = new LinkedHashSet<>();
        for (String fragment : List.of("{\"", "\":", "\": ", "\":\"", "\",", "\", \"", "\"}", "}}", "]}", "},", "[{",
                "[]", "{}", "[\"", "\"]", ", ", ",\"", "true", "false", "null", "tr", "ue", "nu", "ll", "12", "345",
                "0.", ".5", "-1", "-", "00", "\\n", "\\\"", "\\u00e9", "\\ud83d", "\\u", "é", "日本", "😀", "\n",
                "\n  ", "\n    ", "  ", "    ", "        ", " \"", "name", "age", "id", "value", "items", "kids",
                "hello", " world", "a\"b", "ab", "abc", "x", "the", " of", "ing", "ä", "\t")) {
            pieces.add(fragment);
        }
        List<byte[]> tokens = new ArrayList<>();
        tokens.add(new byte[0]); // the end-of-sequence token, special: no bytes
        for (int b = 0; b < 256; b++) {
            tokens.add(new byte[]{(byte) b});
        }
        for (String piece : pieces) {
            tokens.add(piece.getBytes(StandardCharsets.UTF_8));
        }
        tokens.add(new byte[0]); // an id past the tokenizer's, as padded vocabularies have
        VOCABULARY = TokenVocabulary.of(tokens.size(), id -> tokens.get((int) id), List.of(END));
    }

    private SchemaKit() {
    }

    static Map<String, Object> map(String json) {
        try {
            return JSON.readValue(json, new TypeReference<>() { });
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    static SchemaAutomaton automaton(Map<String, Object> schema) {
        return SchemaAutomaton.compile(JsonSchema.parse(schema, "response_format"), VOCABULARY);
    }

    /** Whether the cursor takes all of {@code text} and ends on a whole value. */
    static boolean accepts(SchemaAutomaton automaton, String text) {
        ConstrainedOutput cursor = automaton.start();
        return cursor.acceptText(text.getBytes(StandardCharsets.UTF_8)) && cursor.isComplete();
    }

    /** Whether {@code text} can begin an output. */
    static boolean acceptsPrefix(SchemaAutomaton automaton, String text) {
        return automaton.start().acceptText(text.getBytes(StandardCharsets.UTF_8));
    }

    record Walk(String text, boolean complete, int steps) {
    }

    /**
     * Writes by random allowed tokens, drawn uniformly, but with a growing preference for closing bytes and the end
     * token, so outputs end; asserts on the way that every state allows some token (no dead end).
     */
    static Walk randomWalk(SchemaAutomaton automaton, long seed, int maxSteps) {
        SplittableRandom random = new SplittableRandom(seed);
        ConstrainedOutput cursor = automaton.start();
        StringBuilder bytes = new StringBuilder();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int steps = 0;
        while (!cursor.isFinished() && steps < maxSteps) {
            List<Integer> allowed = new ArrayList<>();
            for (int id = 0; id < VOCABULARY.size(); id++) {
                if (cursor.test(id)) {
                    allowed.add(id);
                }
            }
            if (allowed.isEmpty()) {
                throw new AssertionError("dead end after " + out.toString(StandardCharsets.UTF_8));
            }
            double closing = Math.min(0.95, 0.25 + steps / 200.0);
            int token = random.nextDouble() < closing ? closer(allowed, random) : -1;
            if (token < 0) {
                token = allowed.get(random.nextInt(allowed.size()));
            }
            if (token == END) {
                break;
            }
            cursor.accept(token);
            out.writeBytes(VOCABULARY.bytes[token]);
            steps++;
        }
        bytes.append(out.toString(StandardCharsets.UTF_8));
        return new Walk(bytes.toString(), cursor.isComplete(), steps);
    }

    private static int closer(List<Integer> allowed, SplittableRandom random) {
        for (String preferred : List.of("", "}", "]", "\"", ":", "0", "1", "t", "n")) {
            for (int id : allowed) {
                if (new String(VOCABULARY.bytes[id], StandardCharsets.ISO_8859_1).equals(preferred)
                        && (!preferred.isEmpty() || id == END)) {
                    return id;
                }
            }
        }
        return -1;
    }

    /** The reference validator's complaints about {@code json} under {@code schema}; empty when it validates. */
    static Set<ValidationMessage> violations(Map<String, Object> schema, String json) throws Exception {
        JsonNode schemaNode = JSON.valueToTree(schema);
        return VALIDATORS.getSchema(schemaNode).validate(JSON.readTree(json));
    }
}
