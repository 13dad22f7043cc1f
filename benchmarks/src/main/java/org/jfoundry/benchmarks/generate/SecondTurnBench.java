package org.jfoundry.benchmarks.generate;

import org.jfoundry.adapters.modelimport.ModelConverters;
import org.jfoundry.adapters.ort.OnnxRuntime;
import org.jfoundry.adapters.ort.OrtConfig;
import org.jfoundry.adapters.ort.generate.GenAiFolderLoader;
import org.jfoundry.adapters.ort.generate.GenerationLimits;
import org.jfoundry.adapters.ort.runtime.LoggingLevel;
import org.jfoundry.benchmarks.BenchOptions;
import org.jfoundry.benchmarks.TimedGeneration;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.ChatMessage;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Time to first token of a chat's second turn after a long first turn, with prefix reuse ({@code reuse}: the second
 * turn takes the first turn's kept cache and prefills only the new messages) and without ({@code recompute}: the
 * whole conversation is prefilled again, in chunks; {@code alone}: batching off, the whole prompt in one run), on a GGUF chat model converted to int4 (SmolLM2-135M-Instruct).
 *
 * <p>Each round holds one conversation per mode, the modes in alternating order; each round's history starts with its
 * own number, so no round reuses another's cache. The first turn is a user message of about {@code --history-tokens}
 * tokens answered with {@code --answer-tokens} greedy tokens; the second turn adds that answer and a short question.
 * The summary prints the medians and their ratio, and whether the second answers of both modes are equal.
 *
 * <p>Arguments: {@code --gguf <file>} (required), {@code --dir <work folder>} (default {@code target/bench-decoders}),
 * {@code --rounds N} (default 5), {@code --history-tokens N} (default 1000), {@code --answer-tokens N} (default 32),
 * {@code --threads N} (intra-op threads, default 1).
 */
public final class SecondTurnBench {

    private SecondTurnBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchOptions.parse(args);
        Path dir = Path.of(options.getOrDefault("dir", "target/bench-decoders")).toAbsolutePath();
        Path gguf = Path.of(options.get("gguf")).toAbsolutePath();
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "5"));
        int historyTokens = Integer.parseInt(options.getOrDefault("history-tokens", "1000"));
        int answerTokens = Integer.parseInt(options.getOrDefault("answer-tokens", "32"));
        int threads = Integer.parseInt(options.getOrDefault("threads", "1"));

        Path folder = dir.resolve(gguf.getFileName().toString().replaceAll("\\.gguf$", "") + "-int4");
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(dir);
            ModelConverters.gguf().convert(new ConversionRequest(gguf, folder, ConversionRequest.WeightPrecision.INT4),
                    DownloadListener.IGNORE, new CancellationSignal());
        }
        try (OnnxRuntime runtime = OnnxRuntime.start(new OrtConfig(dir.resolve("native"), null, System.getenv(),
                LoggingLevel.WARNING, threads))) {
            GenerationLimits limits = GenerationLimits.defaults().withKvCacheBytesPerRequest(256L << 20)
                    .withBatch(4, 1L << 30);
            Map<String, ModelHandle> handles = new LinkedHashMap<>();
            handles.put("reuse", load(runtime, folder, threads, limits));
            handles.put("recompute", load(runtime, folder, threads, limits.withPrefixReuse(false)));
            handles.put("alone", load(runtime, folder, threads, limits.withBatch(0, 1)));
            try {
                run(handles, rounds, historyTokens, answerTokens, threads, gguf.getFileName().toString());
            } finally {
                handles.values().forEach(ModelHandle::close);
            }
        }
    }

    private static ModelHandle load(OnnxRuntime runtime, Path folder, int threads, GenerationLimits limits) {
        CachedModel model = new CachedModel(new ModelId(folder.getFileName().toString(), "1"), null, folder, 0,
                "chat-completion", null);
        return new GenAiFolderLoader(runtime.environment(), threads, limits).load(ModelLoadSpec.cpu(model));
    }

    private static void run(Map<String, ModelHandle> handles, int rounds, int historyTokens, int answerTokens,
                            int threads, String name) {
        GenerationParameters greedy = GenerationParameters.defaults().withTemperature(0.0);
        Map<String, List<Double>> ttfts = new LinkedHashMap<>();
        Map<String, List<String>> answers = new LinkedHashMap<>();
        int historyLength = 0;
        for (int round = 0; round < rounds + 1; round++) {
            List<String> order = new ArrayList<>(handles.keySet());
            if (round % 2 == 1) {
                java.util.Collections.reverse(order);
            }
            for (String mode : order) {
                ModelHandle handle = handles.get(mode);
                ChatMessage history = ChatMessage.user(history(round, historyTokens, handle));
                List<ChatMessage> first = List.of(ChatMessage.system("You are a helpful assistant."), history);
                historyLength = handle.countTokens(new Prompt.Chat(first));
                Completion answer = handle.generate(new Prompt.Chat(first), greedy.withMaxTokens(answerTokens),
                        TokenSink.DISCARD, new CancellationSignal());
                List<ChatMessage> second = new ArrayList<>(first);
                second.add(ChatMessage.assistant(answer.text()));
                second.add(ChatMessage.user("Thank you. Now summarise that in one sentence."));
                TimedGeneration timed = TimedGeneration.run(handle, new Prompt.Chat(second), greedy.withMaxTokens(16));
                Completion next = timed.completion();
                double ttft = timed.timeToFirstTokenMillis();
                if (round == 0) {
                    continue; // warm-up
                }
                ttfts.computeIfAbsent(mode, k -> new ArrayList<>()).add(ttft);
                answers.computeIfAbsent(mode, k -> new ArrayList<>()).add(next.text());
                System.out.printf("round %d %-9s second turn (%d prompt tokens) ttft %8.1f ms%n", round, mode,
                        next.usage().promptTokens(), ttft);
            }
        }
        double reuse = median(ttfts.get("reuse"));
        double recompute = median(ttfts.get("recompute"));
        for (int round = 0; round < rounds; round++) {
            int i = round;
            Map<String, String> byMode = new LinkedHashMap<>();
            answers.forEach((mode, texts) -> byMode.put(mode, texts.get(i)));
            if (new java.util.HashSet<>(byMode.values()).size() > 1) {
                System.out.printf("round %d second answers differ: %s%n", i + 1, byMode);
            }
        }
        System.out.printf("SUMMARY %s, %d thread(s), first turn %d tokens, medians over %d rounds: second-turn ttft "
                        + "with reuse %.1f ms, recomputing %.1f ms (ratio %.1f%%), alone %.1f ms; second answers "
                        + "equal reuse/recompute %s, recompute/alone %s%n", name, threads, historyLength, rounds, reuse,
                recompute, 100 * reuse / recompute, median(ttfts.get("alone")),
                answers.get("reuse").equals(answers.get("recompute")),
                answers.get("recompute").equals(answers.get("alone")));
    }

    /** A user message of about {@code tokens} tokens, different in every round (and the same for both modes). */
    private static String history(int round, int tokens, ModelHandle handle) {
        StringBuilder text = new StringBuilder("Conversation " + (round + 1) + ". Here are my notes on the history "
                + "of the local library, please read them carefully. ");
        String[] facts = {"The library opened in 1887 with two hundred books.",
                "A fire in 1921 destroyed the east wing and most of the maps.",
                "The reading room was rebuilt with tall windows facing the river.",
                "In 1954 the town added a children's corner with a puppet theatre.",
                "Volunteers digitised the newspapers between 1998 and 2004.",
                "The oldest book is a herbal printed in Venice in 1543."};
        for (int i = 0; handle.countTokens(new Prompt.Text(text.toString())) < tokens; i++) {
            text.append("Note ").append(i + 1).append(": ").append(facts[i % facts.length]).append(' ');
        }
        return text.toString();
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
