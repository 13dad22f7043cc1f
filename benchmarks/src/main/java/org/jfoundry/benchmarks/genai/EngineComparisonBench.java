package org.jfoundry.benchmarks.genai;

import org.jfoundry.benchmarks.BenchOptions;
import org.jfoundry.benchmarks.TimedGeneration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.jfoundry.adapters.ort.OnnxRuntime;
import org.jfoundry.adapters.ort.OrtConfig;
import org.jfoundry.adapters.ort.runtime.LoggingLevel;
import org.jfoundry.adapters.ort.testmodels.DecoderSpec;
import org.jfoundry.adapters.ort.testmodels.TestDecoders;
import org.jfoundry.adapters.ort.testmodels.TestPrompts;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.Completion;
import org.jfoundry.ports.inference.GenerationParameters;
import org.jfoundry.ports.inference.Prompt;
import org.jfoundry.ports.inference.TokenSink;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.benchmarks.TextEngines;
import org.jfoundry.ports.out.InferenceEngine;
import org.jfoundry.ports.out.ModelHandle;
import org.jfoundry.ports.out.ModelLoadSpec;
import org.jfoundry.ports.settings.FoundryHome;

/**
 * GenAI against the Java loop on the same benchmark-size decoder (Qwen2.5-0.5B-shaped, int4, random weights, about
 * 520 MB, generated on first use), with the same intra-op thread count, in one process sharing one ONNX Runtime.
 * Each engine is measured only through the port, the same way: time to first token (rendering, tokenization, prefill
 * and the first pick), prefill tokens/s (prompt tokens over that time) and decode tokens/s after the first token.
 * Runs alternate between the engines so background load hits both alike; medians are reported.
 *
 * <p>Arguments (all optional): {@code --dir <folder for generated models>} (default {@code target/bench-decoders}),
 * {@code --home <foundry home holding the GenAI library>} (default: {@code $FOUNDRY_HOME} or {@code ~/.foundry};
 * {@code FOUNDRY_GENAI_LIBRARY} also works), {@code --prompt-tokens N} (default 128), {@code --new-tokens N}
 * (default 64), {@code --runs N} (default 5), {@code --threads N} (default 2).
 */
public final class EngineComparisonBench {

    private EngineComparisonBench() {
    }

    record Run(double ttftMillis, double prefillPerSecond, double decodePerSecond, int promptTokens, int newTokens) {
    }

    public static void main(String[] args) {
        Map<String, String> options = BenchOptions.parse(args);
        Path dir = Path.of(options.getOrDefault("dir", "target/bench-decoders")).toAbsolutePath();
        FoundryHome home = options.containsKey("home") ? new FoundryHome(Path.of(options.get("home")).toAbsolutePath())
                : FoundryHome.fromEnvironment();
        int promptTokens = Integer.parseInt(options.getOrDefault("prompt-tokens", "128"));
        int newTokens = Integer.parseInt(options.getOrDefault("new-tokens", "64"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "5"));
        int threads = Integer.parseInt(options.getOrDefault("threads", "2"));

        long writeStart = System.nanoTime();
        Path folder = TestDecoders.writeOnce(dir, DecoderSpec.benchmarkQwenShaped());
        System.out.printf("model folder %s ready in %.1f s%n", folder, (System.nanoTime() - writeStart) / 1e9);
        CachedModel model = new CachedModel(new ModelId("bench-qwen2.5-0.5b-shaped", "1"), null, folder, 0,
                "chat-completion", null);

        try (OnnxRuntime runtime = OnnxRuntime.start(new OrtConfig(dir.resolve("native"), null, System.getenv(),
                LoggingLevel.WARNING, threads))) {
            Map<String, InferenceEngine> engines = TextEngines.both(runtime, home, threads);
            System.out.printf("ONNX Runtime %s at %s, %d intra-op threads, %d processors%n", runtime.library().version(),
                    runtime.library().path(), threads, Runtime.getRuntime().availableProcessors());

            Map<String, ModelHandle> handles = new LinkedHashMap<>();
            try {
                ModelLoadSpec spec = new ModelLoadSpec(model, ExecutionProvider.CPU, Map.of(), threads);
                for (var engine : engines.entrySet()) {
                    long loadStart = System.nanoTime();
                    handles.put(engine.getKey(), engine.getValue().load(spec));
                    System.out.printf("%s loaded in %.1f s%n", engine.getKey(), (System.nanoTime() - loadStart) / 1e9);
                }
                Prompt prompt = samePromptForBoth(handles.values(), promptTokens);
                GenerationParameters greedy = GenerationParameters.defaults().withTemperature(0.0).withMaxTokens(newTokens);
                for (var handle : handles.entrySet()) {
                    System.out.printf("%s: prompt %d tokens%n", handle.getKey(), handle.getValue().countTokens(prompt));
                    handle.getValue().generate(prompt, greedy.withMaxTokens(4), TokenSink.DISCARD, new CancellationSignal());
                }
                Map<String, List<Run>> measured = new LinkedHashMap<>();
                for (int run = 0; run < runs; run++) {
                    for (var handle : handles.entrySet()) {
                        Run result = measure(handle.getValue(), prompt, greedy);
                        measured.computeIfAbsent(handle.getKey(), k -> new ArrayList<>()).add(result);
                        System.out.printf("run %d %-9s ttft %7.1f ms, prefill %7.1f tok/s, decode %6.2f tok/s (%d+%d tokens)%n",
                                run + 1, handle.getKey(), result.ttftMillis(), result.prefillPerSecond(),
                                result.decodePerSecond(), result.promptTokens(), result.newTokens());
                    }
                }
                measured.forEach((name, results) -> System.out.printf(
                        "SUMMARY %-9s median over %d runs: ttft %.1f ms, prefill %.1f tok/s, decode %.2f tok/s%n",
                        name, results.size(), median(results, Run::ttftMillis), median(results, Run::prefillPerSecond),
                        median(results, Run::decodePerSecond)));
            } finally {
                handles.values().forEach(ModelHandle::close);
            }
        }
    }

    /**
     * The same prompt of {@code tokens} common words (one token each) for both engines. Their tokenizers agree on the
     * generated vocabulary (EngineCrossCheckTest holds them to it); the count is checked so a drift cannot skew the
     * comparison silently.
     */
    private static Prompt samePromptForBoth(java.util.Collection<ModelHandle> handles, int tokens) {
        Prompt prompt = new Prompt.Text(TestPrompts.commonWords(tokens));
        List<Integer> counts = handles.stream().map(h -> h.countTokens(prompt)).distinct().toList();
        if (counts.size() != 1) {
            throw new IllegalStateException("the engines count the prompt differently: " + counts);
        }
        return prompt;
    }

    private static Run measure(ModelHandle handle, Prompt prompt, GenerationParameters parameters) {
        TimedGeneration timed = TimedGeneration.run(handle, prompt, parameters);
        Completion completion = timed.completion();
        double ttft = timed.timeToFirstTokenMillis();
        int promptTokens = completion.usage().promptTokens();
        return new Run(ttft, promptTokens / (ttft / 1e3), completion.timings().tokensPerSecond(), promptTokens,
                completion.usage().completionTokens());
    }

    private static double median(List<Run> runs, ToDoubleFunction<Run> metric) {
        List<Double> values = runs.stream().map(metric::applyAsDouble).sorted(Comparator.naturalOrder()).toList();
        int middle = values.size() / 2;
        return values.size() % 2 == 1 ? values.get(middle) : (values.get(middle - 1) + values.get(middle)) / 2;
    }

}
