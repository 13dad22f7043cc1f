package org.jfoundry.adapters.rest;

import io.helidon.webserver.http.ServerResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jfoundry.ports.failure.CancelledException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.Completion;
import org.jfoundry.ports.inference.FinishReason;
import org.jfoundry.ports.inference.TokenSink;

/** Runs one generation, whole or streamed, keeping the waiting/generating gauges and token counters true. */
final class Generation {
    /** A use-case call that generates into a sink. */
    @FunctionalInterface
    interface Call {
        Completion run(TokenSink sink, CancellationSignal cancel);
    }

    /** How one endpoint writes its stream: chat and text completions differ only in their chunk shapes. */
    interface ChunkFormat {
        /** The chunk before the first text (chat names the role there), or null for none. */
        String opening();

        /** The events before the first text: {@link #opening()} unless a stream opens with several. */
        default java.util.List<String> openings() {
            String opening = opening();
            return opening == null ? java.util.List.of() : java.util.List.of(opening);
        }

        /** The event for a chunk of text, or null to send none. */
        String text(String chunk);

        /** The events for a chunk of text: {@link #text} unless a chunk may make several (tool-call deltas). */
        default java.util.List<String> events(String chunk) {
            String event = text(chunk);
            return event == null ? java.util.List.of() : java.util.List.of(event);
        }

        /** Events between the last text and the finish (tool-call deltas); none by default. */
        default java.util.List<String> beforeFinish(Completion completion) {
            return java.util.List.of();
        }

        String finish(Completion completion);

        String usage(Completion completion);
    }

    private final ApiContext ctx;

    Generation(ApiContext ctx) {
        this.ctx = ctx;
    }

    /** Generates the whole answer; {@code cancel} is the signal a departing client trips (see {@link WholeAnswer}). */
    Completion whole(Call call, CancellationSignal cancel) {
        AtomicBoolean first = new AtomicBoolean();
        ctx.metrics().waitingStarted();
        try {
            Completion completion = call.run(chunk -> markFirst(first), cancel);
            requireNotCancelled(completion);
            ctx.metrics().completed(completion);
            return completion;
        } finally {
            ctx.metrics().generationEnded(first.get());
        }
    }

    void streamed(ServerResponse res, Call call, ChunkFormat format, boolean includeUsage) {
        AtomicBoolean first = new AtomicBoolean();
        CancellationSignal cancel = new CancellationSignal();
        ctx.metrics().waitingStarted();
        try (EventStream events = new EventStream(res, cancel, ctx.metrics(), ctx.settings().heartbeat())) {
            try {
                Completion completion = call.run(chunk -> {
                    if (chunk.isEmpty()) {
                        return;
                    }
                    if (markFirst(first)) {
                        format.openings().forEach(events::data);
                    }
                    format.events(chunk).forEach(events::data);
                }, cancel);
                requireNotCancelled(completion);
                if (markFirst(first)) {
                    format.openings().forEach(events::data);
                }
                for (String event : format.beforeFinish(completion)) {
                    events.data(event);
                }
                events.data(format.finish(completion));
                if (includeUsage) {
                    events.data(format.usage(completion));
                }
                events.done();
                ctx.metrics().completed(completion);
            } catch (RuntimeException failure) {
                events.fail(failure);
            }
        } finally {
            ctx.metrics().generationEnded(first.get());
        }
    }

    /** True the first time only: the moment the request stops waiting and starts generating. */
    private boolean markFirst(AtomicBoolean first) {
        if (first.compareAndSet(false, true)) {
            ctx.metrics().firstToken();
            return true;
        }
        return false;
    }

    private static void requireNotCancelled(Completion completion) {
        if (completion.finishReason() == FinishReason.CANCELLED) {
            throw new CancelledException("the generation was cancelled before it finished");
        }
    }
}
