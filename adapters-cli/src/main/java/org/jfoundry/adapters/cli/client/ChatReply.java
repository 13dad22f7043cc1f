package org.jfoundry.adapters.cli.client;

import org.jfoundry.ports.inference.Timings;

/**
 * How a streamed chat reply ended.
 *
 * @param text             everything the sink received
 * @param completionTokens from the usage chunk when the service sent one, else the number of content chunks
 * @param timings          the service's own figures (its core measures the time to first token, queueing and
 *                         loading included), from the reply's last chunk; null when none came (a cancelled reply)
 * @param finishReason     as the service sent it; null when cancelled
 */
public record ChatReply(String text, int completionTokens, Timings timings, String finishReason, boolean cancelled) {
}
