package org.jfoundry.adapters.modelimport.gguf;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import org.jfoundry.ports.inference.CancellationSignal;
import org.jfoundry.ports.inference.ChatMessage;
import org.jfoundry.ports.inference.Completion;
import org.jfoundry.ports.inference.GenerationParameters;
import org.jfoundry.ports.inference.Prompt;
import org.jfoundry.ports.out.ConversionRequest;
import org.jfoundry.ports.out.ConversionRequest.WeightPrecision;
import org.jfoundry.ports.out.DownloadListener;
import org.jfoundry.ports.out.ModelHandle;
import org.jfoundry.ports.out.ModelLoadSpec;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A converted folder loads in both engines, which render the GGUF's chat template and decode as ONNX Runtime does. */
class ConvertedFolderOnBothEnginesTest {

    private static final int TOKENS = 8;
    private static final Prompt CHAT = new Prompt.Chat(List.of(ChatMessage.system("Be brief."),
            ChatMessage.user("the the in")));
    /** What the tiny GGUF's ChatML template makes of {@link #CHAT}. */
    private static final String RENDERED = "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nthe the in"
            + "<|im_end|>\n<|im_start|>assistant\n";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(WeightPrecision.class)
    void bothEnginesRenderTheTemplateAndDecodeWhatOnnxRuntimeDecodes(WeightPrecision precision) throws Exception {
        Path gguf = TinyLlamaGguf.write(dir.resolve("tiny.gguf"), "llama", GgmlType.Q8_0, 11);
        Path folder = dir.resolve("tiny-" + precision);
        new GgufModelConverter().convert(new ConversionRequest(gguf, folder, precision), DownloadListener.IGNORE,
                new CancellationSignal());
        GenerationParameters greedy = GenerationParameters.defaults().withTemperature(0.0).withMaxTokens(TOKENS);
        int[] promptIds;
        String expectedText;
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(folder.resolve("tokenizer.json"),
                Map.of("addSpecialTokens", "false"))) {
            promptIds = Arrays.stream(tokenizer.encode(RENDERED, false, false).getIds()).mapToInt(id -> (int) id).toArray();
            try (OrtGreedyDecoder oracle = new OrtGreedyDecoder(folder.resolve("model.onnx"), TinyLlamaGguf.LAYERS,
                    TinyLlamaGguf.KV_HEADS, TinyLlamaGguf.HEAD_SIZE, 128, 1)) {
                List<Integer> ids = oracle.greedy(promptIds, TOKENS, List.of(2, 0));
                expectedText = tokenizer.decode(ids.stream().filter(id -> id != 2 && id != 0)
                        .mapToLong(Integer::longValue).toArray(), true);
            }
        }
        assertThat(promptIds).as("the special tokens are single ids").startsWith(1).contains(2);

        Completion fromJava;
        try (ModelHandle java = BothEngines.javaLoop().load(ModelLoadSpec.cpu(BothEngines.cached(folder, "tiny")))) {
            assertThat(java.countTokens(CHAT)).isEqualTo(promptIds.length);
            fromJava = java.generate(CHAT, greedy, chunk -> { }, new CancellationSignal());
        }
        assertThat(fromJava.usage().completionTokens()).as("no stop token cuts this comparison short").isEqualTo(TOKENS);
        assertThat(fromJava.text()).isEqualTo(expectedText);

        requireGenAi();
        try (ModelHandle genai = BothEngines.genai().load(ModelLoadSpec.cpu(BothEngines.cached(folder, "tiny")))) {
            assertThat(genai.countTokens(CHAT)).isEqualTo(promptIds.length);
            Completion fromGenai = genai.generate(CHAT, greedy, chunk -> { }, new CancellationSignal());
            assertThat(fromGenai.usage()).isEqualTo(fromJava.usage());
            assertThat(fromGenai.finishReason()).isEqualTo(fromJava.finishReason());
            if (!fromJava.text().contains("\uFFFD")) {
                // GenAI's detokenizer drops bytes that are not UTF-8 on their own where the Java loop writes U+FFFD.
                assertThat(fromGenai.text()).isEqualTo(fromJava.text());
            }
        }
    }

    /** Skipped on a machine without the GenAI library, but CI has it: there its absence fails the test. */
    static void requireGenAi() {
        BothEngines.genaiUnavailable().ifPresent(reason -> {
            if ("true".equals(System.getenv("CI"))) {
                fail("GenAI is not available in CI: " + reason);
            }
            assumeTrue(false, "GenAI is not available: " + reason);
        });
    }
}
