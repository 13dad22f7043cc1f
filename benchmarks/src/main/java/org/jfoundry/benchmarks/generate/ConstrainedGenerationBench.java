package org.jfoundry.benchmarks.generate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.jfoundry.ports.inference.JsonSchema;
import org.jfoundry.ports.inference.Prompt;
import org.jfoundry.ports.inference.ResponseFormat;
import org.jfoundry.ports.inference.TokenSink;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.out.ModelHandle;
import org.jfoundry.ports.out.ModelLoadSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a JSON schema constraint costs the Java generation loop: decode tokens/s of free and constrained generation
 * on the same Qwen2.5-0.5B-shaped decoder (151,936 tokens; generated on first use, about 520 MB), runs alternating
 * so both sides see the same machine. The constrained side samples at temperature 1 (random weights would loop
 * greedily) under a schema whose string leaves room for every new token; the free side samples the same way. The
 * first constrained run, which computes the masks of states it meets for the first time, is reported apart.
 *
 * <p>Arguments (all optional): {@code --dir <folder for generated models>} (default {@code target/bench-decoders}),
 * {@code --new-tokens N} (default 48), {@code --runs N} (pairs, default 5), {@code --threads N} (default 0).
 */
public final class ConstrainedGenerationBench {

    static final String SCHEMA = """
            {"type":"object","properties":{"answer":{"type":"string","maxLength":2000},
             "confidence":{"type":"integer","minimum":0,"maximum":100}},
             "required":["answer","confidence"],"additionalProperties":false}""";

    private ConstrainedGenerationBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Path dir = Path.of(options.getOrDefault("dir", "target/bench-decoders")).toAbsolutePath();
        int newTokens = Integer.parseInt(options.getOrDefault("new-tokens", "48"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "5"));
        int threads = Integer.parseInt(options.getOrDefault("threads", "0"));

        Path folder = TestDecoders.writeOnce(dir, DecoderSpec.benchmarkQwenShaped());
        Map<String, Object> tree = new ObjectMapper().readValue(SCHEMA, new TypeReference<>() { });
        ResponseFormat schema = new ResponseFormat.JsonSchemaFormat("answer", SCHEMA,
                JsonSchema.parse(tree, "response_format"), true);
        List<GenerationStats> measured = new ArrayList<>();
        try (OnnxRuntime runtime = OnnxRuntime.start(new OrtConfig(dir.resolve("native"), null, System.getenv(),
                LoggingLevel.WARNING, threads))) {
            GenerationLimits limits = GenerationLimits.defaults().withObserver(measured::add);
            CachedModel model = new CachedModel(new ModelId("bench-qwen2.5-0.5b-shaped", "1"), null, folder, 0,
                    "chat-completion", null);
            try (ModelHandle handle = new GenAiFolderLoader(runtime.environment(), threads, limits)
                    .load(ModelLoadSpec.cpu(model))) {
                Prompt prompt = new Prompt.Text("Answer as JSON: what is local inference? ".repeat(4));
                GenerationParameters free = new GenerationParameters(newTokens, 1.0, 1.0, 0, null, null, null, 7L,
                        List.of(), ResponseFormat.TEXT);
                GenerationParameters constrained = new GenerationParameters(newTokens, 1.0, 1.0, 0, null, null, null,
                        7L, List.of(), schema);
                handle.generate(prompt, free.withMaxTokens(4), TokenSink.DISCARD, new CancellationSignal());
                double cold = run(handle, prompt, constrained, measured, "constrained (first: masks computed)");
                List<Double> freeRates = new ArrayList<>();
                List<Double> constrainedRates = new ArrayList<>();
                List<Double> freeCpu = new ArrayList<>();
                List<Double> constrainedCpu = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    freeRates.add(run(handle, prompt, free.withSeed(100L + i), measured, "free"));
                    freeCpu.add(measured.getLast().loopCpuMicrosPerToken());
                    constrainedRates.add(run(handle, prompt, constrained.withSeed(100L + i), measured, "constrained"));
                    constrainedCpu.add(measured.getLast().loopCpuMicrosPerToken());
                }
                double freeMedian = median(freeRates);
                double constrainedMedian = median(constrainedRates);
                System.out.printf("SUMMARY median of %d: decode tok/s free %.2f, constrained %.2f (%.1f%% cost);"
                                + " loop CPU us/token free %.0f, constrained %.0f; first constrained run %.2f tok/s%n",
                        runs, freeMedian, constrainedMedian, 100 * (1 - constrainedMedian / freeMedian),
                        median(freeCpu), median(constrainedCpu), cold);
            }
        }
    }

    private static double run(ModelHandle handle, Prompt prompt, GenerationParameters parameters,
                              List<GenerationStats> measured, String label) {
        Completion completion = handle.generate(prompt, parameters, TokenSink.DISCARD, new CancellationSignal());
        GenerationStats stats = measured.getLast();
        System.out.printf("%-40s decode %.2f tok/s over %d tokens, loop CPU %.0f us/token, finish %s%n", label,
                stats.decodeTokensPerSecond(), completion.usage().completionTokens(), stats.loopCpuMicrosPerToken(),
                completion.finishReason().wireName());
        return stats.decodeTokensPerSecond();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
