package org.jfoundry.adapters.cli.client;

import java.time.Duration;

/**
 * How a streamed chat reply ended.
 *
 * @param text             everything the sink received
 * @param completionTokens from the usage chunk when the service sent one, else the number of content chunks
 * @param timeToFirstToken from sending the request to the first content chunk; null when none came
 * @param total            from sending the request to the end of the stream
 * @param finishReason     as the service sent it; null when cancelled
 */
public record ChatReply(String text, int completionTokens, Duration timeToFirstToken, Duration total,
                        String finishReason, boolean cancelled) {

    /** Tokens per second after the first token; 0 when it cannot be told. */
    public double tokensPerSecond() {
        if (timeToFirstToken == null || completionTokens < 2) {
            return 0;
        }
        double seconds = (total.toNanos() - timeToFirstToken.toNanos()) / 1e9;
        return seconds <= 0 ? 0 : (completionTokens - 1) / seconds;
    }
}
