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

    public static boolean isJsonObjectPrefix(String text) {
        ConstrainedOutput cursor = JSON_OBJECT.start();
        String trimmed = text.stripLeading();
        if (!cursor.acceptText(trimmed.stripTrailing().getBytes(StandardCharsets.UTF_8))) {
            return false;
        }
        // Whitespace after the object has closed is left over, not part of it; inside, it must be allowed.
        return cursor.isFinished() || cursor.acceptText(trimmed.substring(trimmed.stripTrailing().length())
                .getBytes(StandardCharsets.UTF_8));
    }
}
