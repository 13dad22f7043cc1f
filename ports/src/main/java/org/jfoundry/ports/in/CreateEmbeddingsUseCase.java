package org.jfoundry.ports.in;

import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.EmbeddingRequest;
import org.jfoundry.ports.inference.EmbeddingResult;

public interface CreateEmbeddingsUseCase {
    EmbeddingResult createEmbeddings(EmbeddingRequest request, CancellationSignal cancel);
}
