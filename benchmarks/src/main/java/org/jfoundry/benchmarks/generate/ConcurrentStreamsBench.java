package org.jfoundry.benchmarks.generate;

import org.jfoundry.adapters.modelimport.ModelConverters;
import org.jfoundry.adapters.ort.OnnxRuntime;
import org.jfoundry.adapters.ort.OrtConfig;
import org.jfoundry.adapters.ort.generate.GenAiFolderLoader;
import org.jfoundry.adapters.ort.generate.GenerationLimits;
import org.jfoundry.adapters.ort.generate.GenerationStats;
import org.jfoundry.adapters.ort.runtime.LoggingLevel;
import org.jfoundry.adapters.ort.testmodels.DecoderSpec;
import org.jfoundry.adapters.ort.testmodels.TestDecoders;
import org.jfoundry.benchmarks.BenchOptions;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.Completion;
import org.jfoundry.ports.inference.GenerationParameters;
import org.jfoundry.ports.inference.Prompt;
import org.jfoundry.ports.inference.TokenSink;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.out.ConversionRequest;
import org.jfoundry.ports.out.DownloadListener;
import org.jfoundry.ports.out.ModelHandle;
import org.jfoundry.ports.out.ModelLoadSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Aggregate decode tokens/s of the Java loop at 1, 2, 4 and 8 concurrent streams, with continuous batching
 * ({@code batched}) and with every request decoding alone ({@code alone}, batching off), on the Qwen2.5-0.5B-shaped
 * int4 benchmark decoder and, given {@code --gguf}, a real GGUF model converted to int4 or float32
 * (SmolLM2-135M-Instruct).
 *
 * <p>Prefix reuse is off (rounds repeat the same prompts, which would otherwise skip their prefill; {@link
 * SecondTurnBench} measures reuse). Each round runs every (mode, streams) case once; the order alternates between rounds (forward, then backward),
 * and the summary prints medians over rounds. A case starts its streams together, each with its own prompt of about
 * the same length, greedy, a fixed number of new tokens. Aggregate decode tokens/s is the sum over streams of each
 * stream's decode rate after its first token; wall tokens/s is all generated tokens over the case's wall time
 * (prefill included); steady tokens/s counts the streamed chunks (about one per token) while every stream of the
 * case is past its first token and not yet done, over that window: the decode throughput without the other streams'
 * prompts in it. The step ceiling is what ONNX Runtime's runs alone allow: B rows per step at the median cost of a
 * step of that case, against one row at a lone stream's step cost (the scheduler can do no better; the rest is its
 * own overhead and the prompts). Every batched stream's text is compared with the same prompt's text alone: any
 * difference is printed ({@code DIFFERS}); on int4 models a stream that decoded in steps of two or more rows may
 * differ, as ONNX Runtime's CPU kernel for int4 weights (MatMulNBits) computes one row another way than several.
 *
 * <p>Arguments (all optional): {@code --dir <work folder>} (default {@code target/bench-decoders}),
 * {@code --gguf <file>}, {@code --precision int4|fp32} (the GGUF model's conversion, default int4),
 * {@code --models bench,gguf} (default both where available), {@code --streams 1,2,4,8},
 * {@code --rounds N} (default 3), {@code --new-tokens N} (default 64), {@code --prompt-words N} (default 60),
 * {@code --threads N} (intra-op threads, default 1).
 */
public final class ConcurrentStreamsBench {

    private ConcurrentStreamsBench() {
    }

    private record Case(String mode, int streams) {
    }

    private record Result(double aggregateDecode, double steadyDecode, double wallTokens, double medianTtftMillis,
                          double stepMillis, double outsideRunMillis, List<String> texts) {
    }

    /** Every finished generation's time split, from the loader's observer. */
    private static final List<GenerationStats> STATS = new java.util.concurrent.CopyOnWriteArrayList<>();

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchOptions.parse(args);
        Path dir = Path.of(options.getOrDefault("dir", "target/bench-decoders")).toAbsolutePath();
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        int newTokens = Integer.parseInt(options.getOrDefault("new-tokens", "64"));
        int promptWords = Integer.parseInt(options.getOrDefault("prompt-words", "60"));
        int threads = Integer.parseInt(options.getOrDefault("threads", "1"));
        int[] streams = Arrays.stream(options.getOrDefault("streams", "1,2,4,8").split(","))
                .mapToInt(Integer::parseInt).toArray();
        List<String> models = List.of(options.getOrDefault("models",
                options.containsKey("gguf") ? "bench,gguf" : "bench").split(","));

        Map<String, Path> folders = new LinkedHashMap<>();
        if (models.contains("bench")) {
            folders.put("bench-qwen2.5-0.5b-shaped-int4", TestDecoders.writeOnce(dir, DecoderSpec.benchmarkQwenShaped()));
        }
        if (models.contains("gguf")) {
            Path gguf = Path.of(options.get("gguf")).toAbsolutePath();
            ConversionRequest.WeightPrecision precision = ConversionRequest.WeightPrecision.valueOf(
                    options.getOrDefault("precision", "int4").toUpperCase(java.util.Locale.ROOT));
            Path folder = dir.resolve(gguf.getFileName().toString().replaceAll("\\.gguf$", "") + "-"
                    + precision.name().toLowerCase(java.util.Locale.ROOT));
            if (!Files.isDirectory(folder)) {
                Files.createDirectories(dir);
                ModelConverters.gguf().convert(new ConversionRequest(gguf, folder,
                        precision), DownloadListener.IGNORE, new CancellationSignal());
            }
            folders.put(folder.getFileName().toString(), folder);
        }

        int most = Arrays.stream(streams).max().orElse(1);
        ExecutorService pool = Executors.newCachedThreadPool();
        try (OnnxRuntime runtime = OnnxRuntime.start(new OrtConfig(dir.resolve("native"), null, System.getenv(),
                LoggingLevel.WARNING, threads))) {
            for (Map.Entry<String, Path> model : folders.entrySet()) {
                GenerationLimits batching = GenerationLimits.defaults().withObserver(STATS::add)
                        .withKvCacheBytesPerRequest(256L << 20)
                        .withBatch(most, (long) most << 28).withPrefixReuse(false);
                Map<String, ModelHandle> handles = new LinkedHashMap<>();
                handles.put("alone", load(runtime, model.getValue(), threads, batching.withBatch(0, 1)));
                handles.put("batched", load(runtime, model.getValue(), threads, batching));
                try {
                    run(model.getKey(), handles, pool, streams, rounds, newTokens, promptWords, threads);
                } finally {
                    handles.values().forEach(ModelHandle::close);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static ModelHandle load(OnnxRuntime runtime, Path folder, int threads, GenerationLimits limits) {
        CachedModel model = new CachedModel(new ModelId(folder.getFileName().toString(), "1"), null, folder, 0,
                "chat-completion", null);
        return new GenAiFolderLoader(runtime.environment(), threads, limits).load(ModelLoadSpec.cpu(model));
    }

    private static void run(String name, Map<String, ModelHandle> handles, ExecutorService pool, int[] streams,
                            int rounds, int newTokens, int promptWords, int threads) throws Exception {
        List<Prompt> prompts = new ArrayList<>();
        for (int i = 0; i < Arrays.stream(streams).max().orElse(1); i++) {
            prompts.add(new Prompt.Text(("Story number " + (i + 1) + ". Once upon a time, a small robot "
                    + "walked into the old library of the town and ").repeat(Math.max(1, promptWords / 20))));
        }
        GenerationParameters greedy = GenerationParameters.defaults().withTemperature(0.0).withMaxTokens(newTokens);
        System.out.printf("%n== %s: %d intra-op thread(s), prompt %d tokens, %d new tokens, greedy, %d rounds, "
                        + "%d batch slots%n", name, threads, handles.get("batched").countTokens(prompts.getFirst()),
                newTokens, rounds, handles.get("batched").maxConcurrentRequests());
        // warm up both handles
        for (ModelHandle handle : handles.values()) {
            handle.generate(prompts.getFirst(), greedy.withMaxTokens(4), TokenSink.DISCARD, new CancellationSignal());
        }
        List<Case> cases = new ArrayList<>();
        for (int count : streams) {
            for (String mode : handles.keySet()) {
                cases.add(new Case(mode, count));
            }
        }
        Map<Case, List<Result>> results = new LinkedHashMap<>();
        Map<Integer, String> aloneTexts = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            List<Case> order = new ArrayList<>(cases);
            if (round % 2 == 1) {
                java.util.Collections.reverse(order);
            }
            for (Case c : order) {
                Result result = runCase(handles.get(c.mode()), pool, prompts.subList(0, c.streams()), greedy);
                results.computeIfAbsent(c, k -> new ArrayList<>()).add(result);
                System.out.printf("round %d %-7s %d stream(s): aggregate decode %7.2f tok/s, steady %7.2f tok/s, "
                                + "wall %7.2f tok/s, median ttft %7.1f ms, run %.1f ms per step, %.2f ms per token "
                                + "outside run%n", round + 1, c.mode(), c.streams(), result.aggregateDecode(),
                        result.steadyDecode(), result.wallTokens(),
                        result.medianTtftMillis(), result.stepMillis(), result.outsideRunMillis());
                if (c.mode().equals("alone")) {
                    for (int i = 0; i < result.texts().size(); i++) {
                        aloneTexts.putIfAbsent(i, result.texts().get(i));
                    }
                }
            }
        }
        int differing = 0;
        int compared = 0;
        for (Map.Entry<Case, List<Result>> entry : results.entrySet()) {
            if (!entry.getKey().mode().equals("batched")) {
                continue;
            }
            for (Result result : entry.getValue()) {
                for (int i = 0; i < result.texts().size(); i++) {
                    compared++;
                    if (!result.texts().get(i).equals(aloneTexts.get(i))) {
                        differing++;
                        System.out.printf("DIFFERS: %d streams, stream %d%n  alone:   %s%n  batched: %s%n",
                                entry.getKey().streams(), i, aloneTexts.get(i), result.texts().get(i));
                    }
                }
            }
        }
        System.out.printf("SUMMARY %s, %d thread(s), medians over %d rounds (batched texts equal to alone: %d of %d)%n",
                name, threads, rounds, compared - differing, compared);
        System.out.println("| streams | alone tok/s | batched tok/s | batched / alone | batched vs 1 stream batched "
                + "| steady alone | steady batched | steady batched vs 1 stream | step ceiling | ttft alone "
                + "| ttft batched |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        double singleSteady = median(results.get(new Case("batched", streams[0])), Result::steadyDecode);
        double single = median(results.get(new Case("batched", streams[0])), Result::aggregateDecode);
        double singleStep = median(results.get(new Case("batched", streams[0])), Result::stepMillis);
        for (int count : streams) {
            double alone = median(results.get(new Case("alone", count)), Result::aggregateDecode);
            double batched = median(results.get(new Case("batched", count)), Result::aggregateDecode);
            double steadyAlone = median(results.get(new Case("alone", count)), Result::steadyDecode);
            double steadyBatched = median(results.get(new Case("batched", count)), Result::steadyDecode);
            // what the runs alone allow: B rows per step at the step's cost, against one row at a lone step's cost
            double ceiling = count * singleStep / median(results.get(new Case("batched", count)), Result::stepMillis);
            System.out.printf("| %d | %.2f | %.2f | x%.2f | x%.2f | %.2f | %.2f | x%.2f | x%.2f | %.0f ms "
                            + "| %.0f ms |%n",
                    count, alone, batched, batched / alone, batched / single, steadyAlone, steadyBatched,
                    steadyBatched / singleSteady, ceiling / streams[0],
                    median(results.get(new Case("alone", count)), Result::medianTtftMillis),
                    median(results.get(new Case("batched", count)), Result::medianTtftMillis));
        }
    }

    private static Result runCase(ModelHandle handle, ExecutorService pool, List<Prompt> prompts,
                                  GenerationParameters parameters) throws Exception {
        STATS.clear();
        long start = System.nanoTime();
        List<Future<Completion>> futures = new ArrayList<>();
        List<List<Long>> chunkTimes = new ArrayList<>();
        for (Prompt prompt : prompts) {
            List<Long> times = new java.util.concurrent.CopyOnWriteArrayList<>();
            chunkTimes.add(times);
            futures.add(pool.submit(() -> handle.generate(prompt, parameters, text -> times.add(System.nanoTime()),
                    new CancellationSignal())));
        }
        double aggregate = 0;
        long tokens = 0;
        double[] ttfts = new double[prompts.size()];
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            Completion completion = futures.get(i).get();
            aggregate += completion.timings().tokensPerSecond();
            tokens += completion.usage().completionTokens();
            // from the common start to the stream's first chunk: engines leave the time to first token to the core
            ttfts[i] = (chunkTimes.get(i).isEmpty() ? System.nanoTime() : chunkTimes.get(i).getFirst()) - start;
            ttfts[i] /= 1e6;
            texts.add(completion.text());
        }
        double wall = (System.nanoTime() - start) / 1e9;
        long from = chunkTimes.stream().mapToLong(List::getFirst).max().orElseThrow();
        long to = chunkTimes.stream().mapToLong(List::getLast).min().orElseThrow();
        long inWindow = chunkTimes.stream().flatMap(List::stream).filter(t -> t > from && t <= to).count();
        double steady = to > from ? inWindow * 1e9 / (to - from) : Double.NaN;
        Arrays.sort(ttfts);
        long steps = STATS.stream().mapToLong(GenerationStats::decodeSteps).sum();
        long run = STATS.stream().mapToLong(GenerationStats::decodeRunNanos).sum();
        long decode = STATS.stream().mapToLong(GenerationStats::decodeNanos).sum();
        return new Result(aggregate, steady, tokens / wall, ttfts[ttfts.length / 2], run / 1e6 / Math.max(1, steps),
                (decode - run) / 1e6 / Math.max(1, steps), texts);
    }

    private static double median(List<Result> results, java.util.function.ToDoubleFunction<Result> metric) {
        double[] values = results.stream().mapToDouble(metric).sorted().toArray();
        return values.length % 2 == 1 ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }
}
