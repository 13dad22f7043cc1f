package org.jfoundry.adapters.ort.generate;

import org.jfoundry.adapters.ort.constraint.ConstrainedOutput;
import org.jfoundry.adapters.ort.constraint.SchemaAutomaton;
import org.jfoundry.adapters.ort.constraint.TokenVocabulary;
import org.jfoundry.ports.inference.ResponseFormat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * One model's compiled response formats: the vocabulary is sorted once on first use, and the automata of the most
 * recent schemas are kept with their cached masks, so a client repeating a schema pays for compiling it once.
 */
final class OutputConstraints {

    static final int KEPT_SCHEMAS = 8;

    private final int vocabSize;
    private final LongFunction<byte[]> bytesOf;
    private final List<Integer> endIds;
    private TokenVocabulary vocabulary;
    private final Map<String, SchemaAutomaton> recent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SchemaAutomaton> eldest) {
            return size() > KEPT_SCHEMAS;
        }
    };

    OutputConstraints(int vocabSize, LongFunction<byte[]> bytesOf, List<Integer> endIds) {
        this.vocabSize = vocabSize;
        this.bytesOf = bytesOf;
        this.endIds = List.copyOf(endIds);
    }

    /** The cursor for one request; null for free text. */
    synchronized ConstrainedOutput start(ResponseFormat format) {
        if (!(format instanceof ResponseFormat.JsonSchemaFormat json)) {
            return null;
        }
        if (vocabulary == null) {
            vocabulary = TokenVocabulary.of(vocabSize, bytesOf, endIds);
        }
        return recent.computeIfAbsent(json.schemaJson(), text -> SchemaAutomaton.compile(json.schema(), vocabulary))
                .start();
    }
}
