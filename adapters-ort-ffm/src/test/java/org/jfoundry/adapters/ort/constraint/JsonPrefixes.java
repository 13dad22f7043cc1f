package org.jfoundry.adapters.ort.constraint;

import org.jfoundry.ports.inference.ResponseFormat;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** For tests of either engine: whether a text is the beginning of one JSON object (whitespace around it aside). */
public final class JsonPrefixes {

    private static final TokenVocabulary BYTES = TokenVocabulary.of(256, id -> new byte[]{(byte) id}, List.of());
    private static final SchemaAutomaton JSON_OBJECT = SchemaAutomaton.compile(
            ((ResponseFormat.JsonSchemaFormat) ResponseFormat.JSON_OBJECT).schema(), BYTES);

    private JsonPrefixes() {
    }

    /** Any JSON whitespace counts: each run between tokens is read as one space, which the automaton allows. */
    public static boolean isJsonObjectPrefix(String text) {
        String compact = oneSpacePerGap(text.strip());
        return JSON_OBJECT.start().acceptText(compact.getBytes(StandardCharsets.UTF_8));
    }

    private static String oneSpacePerGap(String text) {
        StringBuilder out = new StringBuilder();
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean whitespace = c == ' ' || c == '\n' || c == '\t' || c == '\r';
            if (!inString && whitespace) {
                if (out.isEmpty() || out.charAt(out.length() - 1) != ' ') {
                    out.append(' ');
                }
                continue;
            }
            out.append(c);
            if (inString && !escaped && c == '"' || !inString && c == '"') {
                inString = !inString;
            }
            escaped = inString && !escaped && c == '\\';
        }
        return out.toString();
    }
}
