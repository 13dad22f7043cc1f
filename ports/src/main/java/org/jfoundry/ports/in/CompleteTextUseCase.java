package org.jfoundry.ports.in;

import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.Completion;
import org.jfoundry.ports.inference.TextCompletionRequest;
import org.jfoundry.ports.inference.TokenSink;

public interface CompleteTextUseCase {
    /** Continues a raw prompt; the sink may be {@link TokenSink#DISCARD} for a whole answer. */
    Completion completeText(TextCompletionRequest request, TokenSink sink, CancellationSignal cancel);
}
