package org.jfoundry.benchmarks.llamacpp;

import org.jfoundry.benchmarks.BenchOptions;
import org.jfoundry.benchmarks.TimedGeneration;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jfoundry.adapters.modelimport.ModelConverters;
import org.jfoundry.adapters.ort.OnnxRuntime;
import org.jfoundry.adapters.ort.OrtConfig;
import org.jfoundry.adapters.ort.runtime.LoggingLevel;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.Completion;
import org.jfoundry.ports.inference.GenerationParameters;
import org.jfoundry.ports.inference.Prompt;
import org.jfoundry.ports.inference.TokenSink;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.ExecutionProvider;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.out.ConversionRequest;
import org.jfoundry.ports.out.DownloadListener;
import org.jfoundry.benchmarks.TextEngines;
import org.jfoundry.ports.out.InferenceEngine;
import org.jfoundry.ports.out.ModelHandle;
import org.jfoundry.ports.out.ModelLoadSpec;
import org.jfoundry.ports.settings.FoundryHome;

/**
 * Both of our engines against llama.cpp on the same GGUF file (SmolLM2-135M-Instruct Q4_1 by default): it is
 * converted to our int4 model folder (in a child JVM, for an honest conversion time and peak RSS), loaded into GenAI
 * and the Java loop, and runs alternate between GenAI, the Java loop and one {@code llama-bench} process, so
 * background load hits all three alike; medians are reported.
 *
 * <p>Ours: time to first token (prefill of the prompt and the first pick) and decode tokens/s after the first token,
 * greedy, measured through the {@code ModelHandle} port, on a raw-text prompt of exactly {@code --prompt-tokens}
 * tokens (counting, so the model keeps going for all {@code --new-tokens}). llama.cpp: {@code llama-bench -p N -n M
 * -d 0,N -r 1}: its time to first token is the prefill of N tokens at depth 0 ({@code pp N @ d0}), its decode is
 * M tokens generated after N tokens of context ({@code tg M @ d N}), the same work as our decode.
 *
 * <p>Arguments: {@code --gguf <file>} and {@code --llama-bench <program>} (required), {@code --dir <work folder>}
 * (default {@code target/bench-llamacpp}), {@code --threads N} (1), {@code --runs N} (5), {@code --prompt-tokens N}
 * (128), {@code --new-tokens N} (128), {@code --conversions N} (3), {@code --home <foundry home with GenAI>}.
 */
public final class LlamaCppComparisonBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LlamaCppComparisonBench() {
    }

    record Run(double ttftMillis, double decodePerSecond, int newTokens) {
    }

    record Conversion(double seconds, long peakRssKib) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchOptions.parse(args);
        Path gguf = Path.of(required(options, "gguf")).toAbsolutePath();
        Path dir = Path.of(options.getOrDefault("dir", "target/bench-llamacpp")).toAbsolutePath();
        if (options.containsKey("convert-to")) {
            convertHere(gguf, Path.of(options.get("convert-to")));
            return;
        }
        Path llamaBench = Path.of(required(options, "llama-bench")).toAbsolutePath();
        FoundryHome home = options.containsKey("home") ? new FoundryHome(Path.of(options.get("home")).toAbsolutePath())
                : FoundryHome.fromEnvironment();
        int threads = Integer.parseInt(options.getOrDefault("threads", "1"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "5"));
        int promptTokens = Integer.parseInt(options.getOrDefault("prompt-tokens", "128"));
        int newTokens = Integer.parseInt(options.getOrDefault("new-tokens", "128"));
        int conversions = Integer.parseInt(options.getOrDefault("conversions", "3"));

        Files.createDirectories(dir);
        Path folder = dir.resolve("int4");
        List<Conversion> converted = new ArrayList<>();
        for (int i = 0; i < conversions; i++) {
            deleteTree(folder);
            Conversion conversion = convertInChildJvm(gguf, folder);
            converted.add(conversion);
            System.out.printf("conversion %d: %.2f s, peak RSS %.0f MiB%n", i + 1, conversion.seconds(),
                    conversion.peakRssKib() / 1024.0);
        }
        if (converted.isEmpty() && !Files.isDirectory(folder)) {
            throw new IllegalStateException("no converted folder at " + folder + "; run with --conversions 1 or more");
        }
        CachedModel model = new CachedModel(new ModelId("bench-gguf-int4", "1"), null, folder, 0, "chat-completion", null);

        try (OnnxRuntime runtime = OnnxRuntime.start(new OrtConfig(dir.resolve("native"), null, System.getenv(),
                LoggingLevel.WARNING, threads))) {
            Map<String, InferenceEngine> engines = TextEngines.both(runtime, home, threads);
            System.out.printf("ONNX Runtime %s, %d threads, %d processors, %s%n", runtime.library().version(), threads,
                    Runtime.getRuntime().availableProcessors(), gguf.getFileName());

            Map<String, ModelHandle> handles = new LinkedHashMap<>();
            try {
                ModelLoadSpec spec = new ModelLoadSpec(model, ExecutionProvider.CPU, Map.of(), threads);
                for (var engine : engines.entrySet()) {
                    handles.put(engine.getKey(), engine.getValue().load(spec));
                }
                Prompt prompt = counting(handles.values(), promptTokens);
                GenerationParameters greedy = GenerationParameters.defaults().withTemperature(0.0).withMaxTokens(newTokens);
                for (ModelHandle handle : handles.values()) {
                    handle.generate(prompt, greedy.withMaxTokens(4), TokenSink.DISCARD, new CancellationSignal());
                }
                Map<String, List<Run>> measured = new LinkedHashMap<>();
                for (int run = 1; run <= runs; run++) {
                    for (var handle : handles.entrySet()) {
                        record(measured, run, handle.getKey(), measure(handle.getValue(), prompt, greedy));
                    }
                    record(measured, run, "llama.cpp", llamaBench(llamaBench, gguf, threads, promptTokens, newTokens));
                }
                measured.forEach((name, results) -> System.out.printf(
                        "SUMMARY threads %d %-9s median of %d runs: ttft %.1f ms, decode %.2f tok/s%n", threads, name,
                        results.size(), median(results, Run::ttftMillis), median(results, Run::decodePerSecond)));
                if (!converted.isEmpty()) {
                    System.out.printf("SUMMARY conversion (int4) median of %d: %.2f s, peak RSS max %.0f MiB%n",
                            converted.size(), converted.stream().mapToDouble(Conversion::seconds).sorted()
                                    .skip(converted.size() / 2).findFirst().orElseThrow(),
                            converted.stream().mapToLong(Conversion::peakRssKib).max().orElseThrow() / 1024.0);
                }
            } finally {
                handles.values().forEach(ModelHandle::close);
            }
        }
    }

    private static void record(Map<String, List<Run>> measured, int run, String name, Run result) {
        measured.computeIfAbsent(name, k -> new ArrayList<>()).add(result);
        System.out.printf("run %d %-9s ttft %7.1f ms, decode %7.2f tok/s (%d new tokens)%n", run, name,
                result.ttftMillis(), result.decodePerSecond(), result.newTokens());
    }

    /** The conversion alone, in this (fresh) JVM: prints its time and this process's peak resident set. */
    private static void convertHere(Path gguf, Path target) throws IOException {
        long start = System.nanoTime();
        ModelConverters.gguf().convert(new ConversionRequest(gguf, target, ConversionRequest.WeightPrecision.INT4),
                DownloadListener.IGNORE, new CancellationSignal());
        double seconds = (System.nanoTime() - start) / 1e9;
        long peakKib = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("VmHWM:")).map(line -> line.replaceAll("\\D", ""))
                .mapToLong(Long::parseLong).findFirst().orElse(-1);
        System.out.printf("CONVERTED %.3f %d%n", seconds, peakKib);
    }

    private static Conversion convertInChildJvm(Path gguf, Path target) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LlamaCppComparisonBench.class.getName(),
                "--gguf", gguf.toString(), "--convert-to", target.toString());
        String out = runProgram(command);
        String[] parts = out.lines().filter(l -> l.startsWith("CONVERTED ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("the conversion printed no result:\n" + out)).split(" ");
        return new Conversion(Double.parseDouble(parts[1]), Long.parseLong(parts[2]));
    }

    /** One llama-bench process: prefill of the prompt at depth 0, and decode after the prompt's context. */
    private static Run llamaBench(Path program, Path gguf, int threads, int promptTokens, int newTokens) throws Exception {
        String out = runProgram(List.of(program.toString(), "-m", gguf.toString(), "-t", Integer.toString(threads),
                "-p", Integer.toString(promptTokens), "-n", Integer.toString(newTokens), "-d", "0," + promptTokens,
                "-r", "1", "-o", "json"));
        double prefillNanos = Double.NaN;
        double decodePerSecond = Double.NaN;
        for (JsonNode test : JSON.readTree(out.substring(out.indexOf('[')))) {
            int prompt = test.get("n_prompt").asInt();
            int generated = test.get("n_gen").asInt();
            int depth = test.path("n_depth").asInt(0);
            if (prompt == promptTokens && generated == 0 && depth == 0) {
                prefillNanos = test.get("avg_ns").asDouble();
            } else if (prompt == 0 && generated == newTokens && depth == promptTokens) {
                decodePerSecond = test.get("avg_ts").asDouble();
            }
        }
        if (Double.isNaN(prefillNanos) || Double.isNaN(decodePerSecond)) {
            throw new IllegalStateException("llama-bench did not report both tests:\n" + out);
        }
        return new Run(prefillNanos / 1e6, decodePerSecond, newTokens);
    }

    private static String runProgram(List<String> command) throws Exception {
        Path out = Files.createTempFile("bench-out", ".txt");
        Path err = Files.createTempFile("bench-err", ".txt");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(command.getFirst() + " failed:\n" + Files.readString(err));
            }
            return Files.readString(out);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /**
     * "1, 2, 3, ..." cut to exactly {@code tokens} tokens as both engines count them: a prompt the model continues for
     * as many tokens as asked, without ending its answer.
     */
    private static Prompt counting(java.util.Collection<ModelHandle> handles, int tokens) {
        String numbers = IntStream.rangeClosed(1, tokens).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        for (int end = 1; end <= numbers.length(); end++) {
            Prompt prompt = new Prompt.Text(numbers.substring(0, end));
            List<Integer> counts = handles.stream().map(h -> h.countTokens(prompt)).distinct().toList();
            if (counts.size() != 1) {
                throw new IllegalStateException("the engines count the prompt differently: " + counts);
            }
            if (counts.getFirst() == tokens) {
                return prompt;
            }
        }
        throw new IllegalStateException("no counting prompt of exactly " + tokens + " tokens");
    }

    private static Run measure(ModelHandle handle, Prompt prompt, GenerationParameters parameters) {
        TimedGeneration timed = TimedGeneration.run(handle, prompt, parameters);
        Completion completion = timed.completion();
        return new Run(timed.timeToFirstTokenMillis(), completion.timings().tokensPerSecond(),
                completion.usage().completionTokens());
    }

    private static double median(List<Run> runs, ToDoubleFunction<Run> metric) {
        List<Double> values = runs.stream().map(metric::applyAsDouble).sorted(Comparator.naturalOrder()).toList();
        int middle = values.size() / 2;
        return values.size() % 2 == 1 ? values.get(middle) : (values.get(middle - 1) + values.get(middle)) / 2;
    }

    private static void deleteTree(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> paths = Files.walk(folder)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

}
