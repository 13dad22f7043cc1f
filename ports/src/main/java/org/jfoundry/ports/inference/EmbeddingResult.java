package org.jfoundry.ports.inference;

import java.util.List;
import org.jfoundry.ports.model.ModelId;

/**
 * Embeddings in input order.
 *
 * @param truncatedInputs indexes of inputs that were longer than the model's limit and were cut
 */
public record EmbeddingResult(ModelId model, List<float[]> vectors, int promptTokens, List<Integer> truncatedInputs) {
    public EmbeddingResult {
        vectors = List.copyOf(vectors);
        truncatedInputs = List.copyOf(truncatedInputs);
    }
}
