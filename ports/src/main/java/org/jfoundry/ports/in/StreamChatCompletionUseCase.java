package org.jfoundry.ports.in;

import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.ChatCompletionRequest;
import org.jfoundry.ports.inference.Completion;
import org.jfoundry.ports.inference.TokenSink;

public interface StreamChatCompletionUseCase {
    /** Streams the answer to the sink as it is generated; returns the finished completion (usage, finish reason). */
    Completion streamChatCompletion(ChatCompletionRequest request, TokenSink sink, CancellationSignal cancel);
}
