package org.jfoundry.adapters.ort.generate;

import java.lang.foreign.MemorySegment;

/**
 * One request's way through the decoder: prefill once, then one token per step. {@link DecoderRun} runs it alone
 * (batch 1); {@link BatchScheduler} runs it together with the model's other sequences. Not thread-safe, except
 * {@link #terminate()}.
 */
interface DecoderSequence extends AutoCloseable {

    /** Runs the prompt; returns the last position's logits, valid until the next call. */
    MemorySegment prefill(long[] ids);

    /** Appends one token; returns its logits row, valid until the next call. */
    MemorySegment step(long token);

    /** Nanoseconds this sequence waited on ONNX Runtime's Run so far. */
    long runNanos();

    /** CPU time of the calling thread inside Run so far (ONNX Runtime's own threads not counted). */
    long runCpuNanos();

    /** Makes the call in flight, and every later one, end promptly. Safe from any thread, also after close. */
    void terminate();

    boolean terminated();

    @Override
    void close();
}
