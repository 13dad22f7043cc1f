package org.jfoundry.ports.in;

import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.ChatCompletionRequest;
import org.jfoundry.ports.inference.Completion;

public interface CompleteChatUseCase {
    /** Answers the conversation whole; loads a cached model on demand. */
    Completion completeChat(ChatCompletionRequest request, CancellationSignal cancel);
}
