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
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.model.HardwareInfo;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.out.ModelHandle;
import org.jfoundry.ports.out.ModelLoadSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The GPU check: greedy token-exactness of the Java loop on the CUDA provider against the CPU provider on the test
 * decoders (the float16 one reported, not required: CUDA's float16 kernels round differently from the CPU's), then
 * time to first token and decode speed on GPT-2-medium-shaped decoders generated with random weights on first use:
 * float32 with a growing cache (about 1.6 GB) and float16 GroupQueryAttention with a shared buffer (about 0.8 GB).
 * Needs ONNX Runtime's GPU build ({@code FOUNDRY_ORT_LIBRARY}) and CUDA.
 *
 * <p>Arguments (all optional): {@code --dir <folder for generated models>} (default {@code target/cuda-check}),
 * {@code --provider cuda|cpu} (the provider measured, default {@code cuda}), {@code --prompt-words N} (default 200),
 * {@code --new-tokens N} (default 128), {@code --runs N} (default 5), {@code --exact-tokens N} (default 24),
 * {@code --big LIST} (the decoders timed, comma-separated, in order: {@code gpt2} float32 growing cache,
 * {@code gpt2-fp16} float16 shared buffer, {@code tiny} and {@code tiny-fp16} for a dry run, or {@code none}; default
 * {@code gpt2,gpt2-fp16}). Exit code 1 when a float32 exactness case differs.
 */
public final class CudaGenerationCheck {

    private static final List<String> PROMPTS = List.of("Hello!", "What is the capital of France?",
            "Write a haiku about the sea.", "1 + 1 =", "Tell me a story about a robot who learns to paint.",
            "\"quoted\" text, with punctuation; and: symbols!", "Translate 'good morning' to German.",
            "List three prime numbers.", "Résumé naïve café", "The quick brown fox jumps over the lazy dog.",
            "int main() { return 0; }", "Why is the sky blue?", "a", "Count from one to ten.");

    private CudaGenerationCheck() {
    }

    public static void main(String[] args) {
        Map<String, String> options = BenchOptions.parse(args);
        Path dir = Path.of(options.getOrDefault("dir", "target/cuda-check")).toAbsolutePath();
        ExecutionProvider measured = ExecutionProvider.parse(options.getOrDefault("provider", "cuda"));
        int promptWords = Integer.parseInt(options.getOrDefault("prompt-words", "200"));
        int newTokens = Integer.parseInt(options.getOrDefault("new-tokens", "128"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "5"));
        int exactTokens = Integer.parseInt(options.getOrDefault("exact-tokens", "24"));
        List<String> big = List.of(options.getOrDefault("big", "gpt2,gpt2-fp16").split(","));

        int differing = 0;
        try (OnnxRuntime runtime = OnnxRuntime.start(new OrtConfig(dir.resolve("native"), null, System.getenv(),
                LoggingLevel.WARNING, 0))) {
            HardwareInfo hardware = runtime.hardwareProbe().probe();
            System.out.println("ONNX Runtime " + runtime.library().version() + " from " + runtime.library().path());
            System.out.println("probe: providers " + hardware.availableProviders());
            hardware.deviceDescriptions().forEach(d -> System.out.println("probe: " + d));
            for (DecoderSpec spec : List.of(DecoderSpec.tinyStandard(7), DecoderSpec.tinyGqa(7))) {
                differing += exactness(runtime, TestDecoders.writeOnce(dir, spec), spec, measured, exactTokens);
            }
            DecoderSpec half = DecoderSpec.tinyGqaFloat16(7);
            exactness(runtime, TestDecoders.writeOnce(dir, half), half, measured, exactTokens);
            for (String name : big) {
                if (name.equals("none")) {
                    continue;
                }
                long writeStart = System.nanoTime();
                Path folder = TestDecoders.writeOnce(dir, timed(name));
                System.out.printf("big decoder %s (%s) ready in %.1f s%n", name, folder,
                        (System.nanoTime() - writeStart) / 1e9);
                speed(runtime, folder, name, measured, promptWords, newTokens, runs);
            }
        }
        System.out.println(differing == 0 ? "EXACT: every case matches the CPU provider"
                : "NOT EXACT: " + differing + " cases differ from the CPU provider");
        System.exit(differing == 0 ? 0 : 1);
    }

    private static DecoderSpec timed(String name) {
        return switch (name) {
            case "gpt2" -> DecoderSpec.benchmarkGpt2MediumShaped();
            case "gpt2-fp16" -> DecoderSpec.benchmarkGpt2MediumShapedFloat16();
            case "tiny" -> DecoderSpec.tinyStandard(8);
            case "tiny-fp16" -> DecoderSpec.tinyGqaFloat16(8);
            default -> throw new IllegalArgumentException("--big takes gpt2, gpt2-fp16, tiny, tiny-fp16 or none, not "
                    + name);
        };
    }

    /** Greedy completions on the CPU provider and on {@code provider}, prompt by prompt; returns how many differ. */
    private static int exactness(OnnxRuntime runtime, Path folder, DecoderSpec spec, ExecutionProvider provider,
                                 int tokens) {
        GenerationParameters greedy = GenerationParameters.defaults().withTemperature(0.0).withMaxTokens(tokens);
        List<String> cpu = complete(runtime, folder, ExecutionProvider.CPU, greedy);
        List<String> other = complete(runtime, folder, provider, greedy);
        int differing = 0;
        for (int i = 0; i < PROMPTS.size(); i++) {
            boolean same = cpu.get(i).equals(other.get(i));
            differing += same ? 0 : 1;
            System.out.printf("exact %s case %2d: %s %s%n", label(spec), i, same ? "MATCH" : "DIFF",
                    same ? escape(cpu.get(i)) : "cpu=" + escape(cpu.get(i)) + " " + provider.shortName() + "="
                            + escape(other.get(i)));
        }
        System.out.printf("exact %s: %d of %d match%n", label(spec), PROMPTS.size() - differing, PROMPTS.size());
        return differing;
    }

    private static String label(DecoderSpec spec) {
        return spec.attention() + (spec.float16() ? " float16" : "");
    }

    private static List<String> complete(OnnxRuntime runtime, Path folder, ExecutionProvider provider,
                                         GenerationParameters parameters) {
        List<String> texts = new ArrayList<>();
        try (ModelHandle handle = load(runtime, folder, provider, GenerationLimits.defaults())) {
            for (String prompt : PROMPTS) {
                texts.add(handle.generate(new Prompt.Text(prompt), parameters, TokenSink.DISCARD,
                        new CancellationSignal()).text());
            }
        }
        return texts;
    }

    private static void speed(OnnxRuntime runtime, Path folder, String name, ExecutionProvider provider,
                              int promptWords, int newTokens, int runs) {
        List<GenerationStats> measured = new ArrayList<>();
        GenerationLimits limits = GenerationLimits.defaults().withObserver(measured::add);
        long loadStart = System.nanoTime();
        try (ModelHandle handle = load(runtime, folder, provider, limits)) {
            System.out.printf("loaded on %s in %.1f s%n", provider.shortName(), (System.nanoTime() - loadStart) / 1e9);
            Prompt prompt = new Prompt.Text(" the".repeat(promptWords));
            GenerationParameters greedy = GenerationParameters.defaults().withTemperature(0.0)
                    .withMaxTokens(newTokens);
            System.out.printf("prompt: %d tokens, %d new tokens per run, greedy%n", handle.countTokens(prompt),
                    newTokens);
            String warmUp = handle.generate(prompt, greedy.withMaxTokens(16), TokenSink.DISCARD,
                    new CancellationSignal()).text();
            System.out.printf("%s warm-up text: %s%n", name, escape(warmUp));
            measured.clear();
            double[] ttft = new double[runs];
            double[] decode = new double[runs];
            for (int run = 0; run < runs; run++) {
                TimedGeneration timed = TimedGeneration.run(handle, prompt, greedy);
                Completion completion = timed.completion();
                GenerationStats stats = measured.getLast();
                ttft[run] = timed.timeToFirstTokenMillis();
                decode[run] = stats.decodeTokensPerSecond();
                System.out.printf("%s run %d on %s: ttft %.1f ms, prefill %.0f tok/s, decode %.1f tok/s, %d tokens, "
                                + "%.0f us/token outside Run, finish %s%n", name, run + 1, provider.shortName(),
                        ttft[run], stats.prefillTokensPerSecond(), decode[run], stats.completionTokens(),
                        (stats.decodeNanos() - stats.decodeRunNanos()) / 1e3 / Math.max(1, stats.decodeSteps()),
                        completion.finishReason().wireName());
            }
            System.out.printf("SPEED %s on %s: median ttft %.1f ms, median decode %.1f tok/s over %d runs%n",
                    name, provider.shortName(), median(ttft), median(decode), runs);
        }
    }

    private static ModelHandle load(OnnxRuntime runtime, Path folder, ExecutionProvider provider,
                                    GenerationLimits limits) {
        CachedModel model = new CachedModel(new ModelId(folder.getFileName().toString(), "1"), null, folder, 0,
                "chat-completion", null);
        return new GenAiFolderLoader(runtime.environment(), 0, limits)
                .load(new ModelLoadSpec(model, provider, Map.of(), 0));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String escape(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\n", "\\n").replace("\"", "\\\"") + '"';
    }

}
