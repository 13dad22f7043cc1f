package org.jfoundry.adapters.modelimport.gguf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jfoundry.adapters.modelimport.ModelConverters;
import org.jfoundry.ports.failure.CancelledException;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.out.ConversionRequest;
import org.jfoundry.ports.out.ConversionRequest.WeightPrecision;
import org.jfoundry.ports.out.ConvertedModel;
import org.jfoundry.ports.out.DownloadListener;
import org.jfoundry.ports.out.ModelConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GgufModelConverterTest {

    private static final int[] PROMPT = {1, 40, 75, 3, 200, 259, 7, 120, 33, 260, 2, 14};
    private final ModelConverter converter = ModelConverters.gguf();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} with {1} matrices")
    @CsvSource({"llama, Q4_1", "llama, Q4_K", "llama, F16", "qwen2, Q8_0", "qwen2, Q4_0", "qwen2, Q6_K"})
    void anFp32ConversionComputesWhatTheGgufMeans(String architecture, GgmlType type) throws Exception {
        TinyLlamaGguf tiny = new TinyLlamaGguf(architecture);
        Path gguf = tiny.writeTo(dir.resolve("tiny.gguf"), type, 42);
        Path folder = convert(gguf, WeightPrecision.FP32);
        double[][] expected = new ReferenceLlama(tiny).logits(PROMPT);

        try (OrtGreedyDecoder decoder = decoder(folder)) {
            float[][] actual = decoder.promptLogits(PROMPT);
            for (int t = 0; t < PROMPT.length; t++) {
                for (int v = 0; v < tiny.vocabSize(); v++) {
                    assertThat((double) actual[t][v]).as("logit %d at position %d", v, t)
                            .isCloseTo(expected[t][v], org.assertj.core.api.Assertions.within(2e-3));
                }
            }
            // Token by token through the shared KV buffer, the greedy path matches the reference's.
            assertThat(decoder.greedy(PROMPT, 6, List.of())).containsExactlyElementsOf(referenceGreedy(tiny, 6));
        }
    }

    @ParameterizedTest(name = "{0} with {1} matrices")
    @CsvSource({"llama, Q4_1", "qwen2, Q4_K"})
    void anInt4ConversionStaysCloseToWhatTheGgufMeans(String architecture, GgmlType type) throws Exception {
        TinyLlamaGguf tiny = new TinyLlamaGguf(architecture);
        Path gguf = tiny.writeTo(dir.resolve("tiny.gguf"), type, 7);
        Path folder = convert(gguf, WeightPrecision.INT4);
        double[][] expected = new ReferenceLlama(tiny).logits(PROMPT);

        try (OrtGreedyDecoder decoder = decoder(folder)) {
            float[][] actual = decoder.promptLogits(PROMPT);
            for (int t = 0; t < PROMPT.length; t++) {
                assertThat(cosine(actual[t], expected[t])).as("cosine at position %d", t).isGreaterThan(0.99);
            }
        }
        assertThat(Files.size(folder.resolve("model.onnx.data")))
                .as("int4 weights are a fraction of fp32's").isLessThan(tiny.vocabSize() * 256L * 2 + 2_000_000);
    }

    @Test
    void writesTheChatTemplateStopTokensAndTokenizer() throws Exception {
        Path gguf = TinyLlamaGguf.write(dir.resolve("tiny.gguf"), "llama", GgmlType.Q8_0, 1);
        Path folder = convert(gguf, WeightPrecision.INT4);
        ObjectMapper json = new ObjectMapper();

        JsonNode genai = json.readTree(folder.resolve("genai_config.json").toFile());
        JsonNode tokenizerConfig = json.readTree(folder.resolve("tokenizer_config.json").toFile());
        JsonNode tokenizer = json.readTree(folder.resolve("tokenizer.json").toFile());

        assertThat(genai.at("/model/eos_token_id").toString()).isEqualTo("[2,0]");
        assertThat(genai.at("/model/bos_token_id").asInt()).isEqualTo(1);
        assertThat(genai.at("/model/type").asText()).isEqualTo("llama");
        assertThat(genai.at("/model/decoder/num_key_value_heads").asInt()).isEqualTo(TinyLlamaGguf.KV_HEADS);
        assertThat(genai.at("/search/past_present_share_buffer").asBoolean()).isTrue();
        assertThat(tokenizerConfig.path("chat_template").asText()).isEqualTo(TinyLlamaGguf.CHAT_TEMPLATE);
        assertThat(tokenizerConfig.path("eos_token").asText()).isEqualTo("<|im_end|>");
        assertThat(tokenizerConfig.path("bos_token").asText()).isEqualTo("<|im_start|>");
        assertThat(tokenizer.path("added_tokens")).extracting(token -> token.path("content").asText())
                .startsWith("<|endoftext|>", "<|im_start|>", "<|im_end|>");
        assertThat(tokenizer.at("/model/merges")).hasSize(4);
    }

    @Test
    void reportsTheModelItWroteAndProgressUpToTheTotal() throws Exception {
        Path gguf = TinyLlamaGguf.write(dir.resolve("tiny.gguf"), "llama", GgmlType.Q4_0, 1);
        List<org.jfoundry.ports.out.DownloadProgress> events = new java.util.concurrent.CopyOnWriteArrayList<>();

        ConvertedModel model = converter.convert(new ConversionRequest(gguf, dir.resolve("out"), WeightPrecision.INT4),
                events::add, new CancellationSignal());

        assertThat(model).isEqualTo(new ConvertedModel("llama", "tiny llama", "chat-completion",
                sizeOf(dir.resolve("out"))));
        assertThat(events).isNotEmpty();
        assertThat(events.getLast().doneBytes()).isEqualTo(events.getLast().totalBytes());
    }

    @Test
    void acceptsGgufFilesByTheirMagicOnly() throws Exception {
        Path gguf = TinyLlamaGguf.write(dir.resolve("model.bin"), "llama", GgmlType.Q8_0, 1);
        Path other = Files.writeString(dir.resolve("model.gguf"), "not a model");

        assertThat(converter.accepts(gguf)).isTrue();
        assertThat(converter.accepts(other)).isFalse();
        assertThat(converter.accepts(dir)).isFalse();
    }

    @Test
    void refusesAnUnsupportedArchitectureInOneLineAndLeavesNothing() throws Exception {
        Path gguf = new GgufWriter().put("general.architecture", "gpt2").write(dir.resolve("gpt2.gguf"));

        assertThatThrownBy(() -> convert(gguf, WeightPrecision.INT4)).isInstanceOf(InvalidRequestException.class)
                .hasMessage("unsupported GGUF architecture 'gpt2'; supported: llama, mistral, qwen2");
        assertNothingLeft();
    }

    @Test
    void refusesAnUnsupportedTensorTypeNamingItAndLeavesNothing() throws Exception {
        Path gguf = dir.resolve("q5k.gguf");
        TinyLlamaGguf.write(gguf, "llama", GgmlType.Q4_K, 1);
        byte[] bytes = Files.readAllBytes(gguf);
        // Retype blk.0.attn_q.weight from Q4_K (12) to Q5_K (13) in the tensor table.
        int at = indexOf(bytes, "blk.0.attn_q.weight".getBytes()) + "blk.0.attn_q.weight".length() + 4 + 16;
        assertThat(bytes[at]).isEqualTo((byte) 12);
        bytes[at] = 13;
        Files.write(gguf, bytes);

        assertThatThrownBy(() -> convert(gguf, WeightPrecision.FP32)).isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("unsupported GGUF tensor type Q5_K (tensor blk.0.attn_q.weight)");
        assertNothingLeft();
    }

    @Test
    void aCancelledConversionLeavesNothing() throws Exception {
        Path gguf = TinyLlamaGguf.write(dir.resolve("tiny.gguf"), "llama", GgmlType.Q4_0, 1);
        CancellationSignal cancel = new CancellationSignal();

        assertThatThrownBy(() -> converter.convert(new ConversionRequest(gguf, dir.resolve("out"),
                WeightPrecision.INT4), progress -> cancel.cancel("user pressed Ctrl+C"), cancel))
                .isInstanceOf(CancelledException.class);
        assertNothingLeft();
    }

    private Path convert(Path gguf, WeightPrecision precision) {
        Path target = dir.resolve("out");
        converter.convert(new ConversionRequest(gguf, target, precision), DownloadListener.IGNORE,
                new CancellationSignal());
        return target;
    }

    private void assertNothingLeft() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .allMatch(name -> name.endsWith(".gguf") || name.endsWith(".bin"));
        }
    }

    private static OrtGreedyDecoder decoder(Path folder) throws Exception {
        return new OrtGreedyDecoder(folder.resolve("model.onnx"), TinyLlamaGguf.LAYERS, TinyLlamaGguf.KV_HEADS,
                TinyLlamaGguf.HEAD_SIZE, 64, 1);
    }

    private static List<Integer> referenceGreedy(TinyLlamaGguf tiny, int count) {
        ReferenceLlama reference = new ReferenceLlama(tiny);
        int[] sequence = PROMPT.clone();
        List<Integer> generated = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            double[][] logits = reference.logits(sequence);
            double[] last = logits[logits.length - 1];
            int best = 0;
            for (int v = 1; v < last.length; v++) {
                if (last[v] > last[best]) {
                    best = v;
                }
            }
            generated.add(best);
            sequence = java.util.Arrays.copyOf(sequence, sequence.length + 1);
            sequence[sequence.length - 1] = best;
        }
        return generated;
    }

    private static double cosine(float[] a, double[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    private static long sizeOf(Path folder) throws Exception {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }
}
