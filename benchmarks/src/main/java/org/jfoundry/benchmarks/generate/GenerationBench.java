package org.jfoundry.benchmarks.generate;

import org.jfoundry.benchmarks.BenchOptions;
import org.jfoundry.benchmarks.TimedGeneration;
import org.jfoundry.adapters.ort.OnnxRuntime;
import org.jfoundry.adapters.ort.OrtConfig;
import org.jfoundry.adapters.ort.generate.GenAiFolderLoader;
import org.jfoundry.adapters.ort.generate.GenerationLimits;
import org.jfoundry.adapters.ort.generate.GenerationStats;
import org.jfoundry.adapters.ort.runtime.LoggingLevel;
import org.jfoundry.adapters.ort.testmodels.DecoderSpec;
import org.jfoundry.adapters.ort.testmodels.TestDecoders;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.Completion;
import org.jfoundry.ports.inference.GenerationParameters;
import org.jfoundry.ports.inference.Prompt;
import org.jfoundry.ports.inference.TokenSink;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.out.ModelHandle;
import org.jfoundry.ports.out.ModelLoadSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prefill and decode speed of the Java generation loop on a Qwen2.5-0.5B-shaped int4 decoder (generated with random
 * weights on first use, about 520 MB), and the loop's overhead: the share of decode time spent outside ONNX Runtime's
 * Run (sampling over 151,936 logits, streaming text, binding the growing attention mask). Times are wall-clock:
 * on a machine shared with other work, preemption lands on either side of Run, so compare medians of several runs.
 * The loop's CPU time (the generating thread's CPU outside Run) is also printed: preemption does not inflate it.
 *
 * <p>Arguments (all optional): {@code --dir <folder for generated models>} (default {@code target/bench-decoders}),
 * {@code --prompt-words N} (default 100), {@code --new-tokens N} (default 64), {@code --runs N} (default 3),
 * {@code --threads N} (intra-op threads, default 0: ONNX Runtime's choice).
 */
public final class GenerationBench {

    private GenerationBench() {
    }

    public static void main(String[] args) {
        Map<String, String> options = BenchOptions.parse(args);
        Path dir = Path.of(options.getOrDefault("dir", "target/bench-decoders")).toAbsolutePath();
        int promptWords = Integer.parseInt(options.getOrDefault("prompt-words", "100"));
        int newTokens = Integer.parseInt(options.getOrDefault("new-tokens", "64"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "3"));
        int threads = Integer.parseInt(options.getOrDefault("threads", "0"));

        long writeStart = System.nanoTime();
        Path folder = TestDecoders.writeOnce(dir, DecoderSpec.benchmarkQwenShaped());
        System.out.printf("model folder %s ready in %.1f s%n", folder, (System.nanoTime() - writeStart) / 1e9);

        List<GenerationStats> measured = new ArrayList<>();
        try (OnnxRuntime runtime = OnnxRuntime.start(new OrtConfig(dir.resolve("native"), null, System.getenv(),
                LoggingLevel.WARNING, threads))) {
            GenerationLimits limits = GenerationLimits.defaults().withObserver(measured::add);
            CachedModel model = new CachedModel(new ModelId("bench-qwen2.5-0.5b-shaped", "1"), null, folder, 0,
                    "chat-completion", null);
            long loadStart = System.nanoTime();
            try (ModelHandle handle = new GenAiFolderLoader(runtime.environment(), threads, limits)
                    .load(ModelLoadSpec.cpu(model))) {
                System.out.printf("loaded in %.1f s (ONNX Runtime %s)%n", (System.nanoTime() - loadStart) / 1e9,
                        runtime.library().version());
                Prompt prompt = new Prompt.Text("the answer to the question of local inference ".repeat(promptWords / 7 + 1));
                GenerationParameters greedy = GenerationParameters.defaults().withTemperature(0.0)
                        .withMaxTokens(newTokens);
                System.out.printf("prompt: %d tokens, %d new tokens per run, greedy%n", handle.countTokens(prompt),
                        newTokens);
                handle.generate(prompt, greedy.withMaxTokens(4), TokenSink.DISCARD, new CancellationSignal());
                measured.clear();
                for (int run = 0; run < runs; run++) {
                    TimedGeneration timed = TimedGeneration.run(handle, prompt, greedy);
                    Completion completion = timed.completion();
                    GenerationStats stats = measured.getLast();
                    System.out.printf("run %d: ttft %.0f ms, prefill %.1f tok/s, decode %.2f tok/s, "
                                    + "loop overhead %.3f%% wall (%.0f us/token outside Run), loop CPU %.0f us/token "
                                    + "(%.3f%%), finish %s%n",
                            run + 1, timed.timeToFirstTokenMillis(),
                            stats.prefillTokensPerSecond(), stats.decodeTokensPerSecond(),
                            stats.decodeOverheadFraction() * 100,
                            (stats.decodeNanos() - stats.decodeRunNanos()) / 1e3 / Math.max(1, stats.decodeSteps()),
                            stats.loopCpuMicrosPerToken(), stats.loopCpuFraction() * 100,
                            completion.finishReason().wireName());
                }
            }
        }
        summarize(measured);
    }

    private static void summarize(List<GenerationStats> all) {
        long prefillTokens = 0;
        long prefillNanos = 0;
        long decodeSteps = 0;
        long decodeNanos = 0;
        long decodeRunNanos = 0;
        long loopCpuNanos = 0;
        for (GenerationStats stats : all) {
            loopCpuNanos += stats.decodeLoopCpuNanos();
            prefillTokens += stats.promptTokens();
            prefillNanos += stats.prefillNanos();
            decodeSteps += stats.decodeSteps();
            decodeNanos += stats.decodeNanos();
            decodeRunNanos += stats.decodeRunNanos();
        }
        double[] overheads = all.stream().mapToDouble(GenerationStats::decodeOverheadFraction).sorted().toArray();
        System.out.printf("SUMMARY over %d runs: prefill %.1f tok/s, decode %.2f tok/s, "
                        + "loop overhead %.3f%% of decode time overall, median run %.3f%% "
                        + "(%.0f us per token outside Run); loop CPU %.0f us per token (%.3f%% of decode time)%n",
                all.size(), prefillTokens * 1e9 / prefillNanos, decodeSteps * 1e9 / decodeNanos,
                100.0 * (decodeNanos - decodeRunNanos) / decodeNanos, 100 * overheads[overheads.length / 2],
                (decodeNanos - decodeRunNanos) / 1e3 / Math.max(1, decodeSteps),
                loopCpuNanos / 1e3 / Math.max(1, decodeSteps), 100.0 * loopCpuNanos / decodeNanos);
    }

}
