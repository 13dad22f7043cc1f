package org.jfoundry.adapters.ort.generate;

/**
 * Where one generation spent its time, for benchmarks and metrics: the prefill (prompt) and the decode steps, each
 * in total and inside ONNX Runtime's Run. Whatever is not Run is the generation loop's own overhead (sampling,
 * decoding text, binding inputs).
 *
 * @param decodeSteps         runs after the prefill (one token each)
 * @param decodeLoopCpuNanos  CPU time the generating thread spent outside Run while decoding: the loop's own cost,
 *                            which, unlike wall-clock time, preemption by other processes does not inflate
 */
public record GenerationStats(int promptTokens, int completionTokens, long prefillNanos, long prefillRunNanos,
                              int decodeSteps, long decodeNanos, long decodeRunNanos, long decodeLoopCpuNanos) {

    /** The fraction of decode time spent outside Run; 0 when there were no decode steps. */
    public double decodeOverheadFraction() {
        return decodeNanos == 0 ? 0 : (double) (decodeNanos - decodeRunNanos) / decodeNanos;
    }

    /** The loop's CPU time per decoded token, in microseconds. */
    public double loopCpuMicrosPerToken() {
        return decodeSteps == 0 ? 0 : decodeLoopCpuNanos / 1e3 / decodeSteps;
    }

    /** The loop's CPU time as a fraction of decode wall time. */
    public double loopCpuFraction() {
        return decodeNanos == 0 ? 0 : (double) decodeLoopCpuNanos / decodeNanos;
    }

    public double prefillTokensPerSecond() {
        return prefillNanos == 0 ? 0 : promptTokens * 1e9 / prefillNanos;
    }

    public double decodeTokensPerSecond() {
        return decodeNanos == 0 ? 0 : decodeSteps * 1e9 / decodeNanos;
    }
}
