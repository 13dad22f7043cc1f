package org.jfoundry.benchmarks;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.Completion;
import org.jfoundry.ports.inference.GenerationParameters;
import org.jfoundry.ports.inference.Prompt;
import org.jfoundry.ports.out.ModelHandle;

/**
 * One generation through the {@code ModelHandle} port, timed as its caller sees it. An engine reports only its decode
 * speed; the time to first token is measured where the request starts (the service's core, queueing included), so a
 * bench that calls an engine directly measures it here, from the call to the first chunk, the way the core does.
 *
 * @param timeToFirstToken from the call to the first chunk of text (to the end when none came)
 */
public record TimedGeneration(Completion completion, Duration timeToFirstToken) {

    public static TimedGeneration run(ModelHandle handle, Prompt prompt, GenerationParameters parameters) {
        AtomicLong firstChunkAt = new AtomicLong(Long.MIN_VALUE);
        long start = System.nanoTime();
        Completion completion = handle.generate(prompt, parameters,
                chunk -> firstChunkAt.compareAndSet(Long.MIN_VALUE, System.nanoTime()), new CancellationSignal());
        long end = System.nanoTime();
        long first = firstChunkAt.get() == Long.MIN_VALUE ? end : firstChunkAt.get();
        return new TimedGeneration(completion, Duration.ofNanos(first - start));
    }

    public double timeToFirstTokenMillis() {
        return timeToFirstToken.toNanos() / 1e6;
    }
}
