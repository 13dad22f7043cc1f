package org.jfoundry.adapters.ort.testmodels;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class TestDecodersTest {

    @TempDir
    Path temp;

    @Test
    void aGeneratedFolderHoldsEveryFileOfAGenAiCacheEntry() {
        Path dir = TestDecoders.write(temp.resolve("gqa"), DecoderSpec.tinyGqa(1));

        assertThat(dir.resolve("model.onnx")).isNotEmptyFile();
        assertThat(dir.resolve("model.onnx.data")).isNotEmptyFile();
        assertThat(dir.resolve("genai_config.json")).content().contains("\"past_present_share_buffer\" : true");
        assertThat(dir.resolve("tokenizer_config.json")).content().contains("chat_template");
        assertThat(dir.resolve("inference_model.json")).content().contains("{Content}")
                .contains("\"Name\" : \"test-qwen2-gqa-2x64-generic-cpu:1\"");
    }

    @Test
    void theTokenizerHasExactlyTheModelsVocabularyAndKnowsTheChatTokens() throws Exception {
        DecoderSpec spec = DecoderSpec.tinyStandard(2);
        Path dir = TestDecoders.write(temp.resolve("std"), spec);

        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(dir.resolve("tokenizer.json"))) {
            long[] ids = tokenizer.encode("<|im_start|>user\nhello the world<|im_end|>", false, false).getIds();
            assertThat(ids[0]).isEqualTo(spec.imStartId());
            assertThat(ids[ids.length - 1]).isEqualTo(spec.imEndId());
            assertThat(ids.length).as("merges shorten words").isLessThan("user\nhello the world".length());
            assertThat(Arrays.stream(ids).max().orElseThrow()).isLessThan(spec.vocabSize());
            assertThat(tokenizer.decode(new long[]{spec.vocabSize() - 4}, false)).isNotEmpty();
        }
    }

    @Test
    void bothAttentionVariantsComputeTheSameFunctionForOneSeed() {
        DecoderSpec gqa = DecoderSpec.tinyGqa(7);
        DecoderSpec standard = DecoderSpec.tinyStandard(7);
        long[] prompt = {10, 200, 300, 45, 99, 7};
        try (ReferenceDecoder a = new ReferenceDecoder(TestDecoders.write(temp.resolve("a"), gqa), gqa);
             ReferenceDecoder b = new ReferenceDecoder(TestDecoders.write(temp.resolve("b"), standard), standard)) {
            float[] fromGqa = a.lastLogits(prompt);
            float[] fromStandard = b.lastLogits(prompt);
            for (int i = 0; i < fromGqa.length; i++) {
                assertThat(fromGqa[i]).as("logit %d", i).isCloseTo(fromStandard[i], org.assertj.core.data.Offset.offset(1e-3f));
            }
        }
    }

    @Test
    void greedyOutputIsVariedAndDependsOnThePrompt() {
        DecoderSpec spec = DecoderSpec.tinyGqa(3);
        try (ReferenceDecoder decoder = new ReferenceDecoder(TestDecoders.write(temp.resolve("g"), spec), spec)) {
            long[] first = decoder.greedyWithoutCache(new long[]{1, 2, 3, 4}, 40);
            long[] second = decoder.greedyWithoutCache(new long[]{400, 17, 88}, 40);

            assertThat(Arrays.stream(first).distinct().count()).isGreaterThan(10);
            assertThat(first).isNotEqualTo(second);
            assertThat(Arrays.stream(first).max().orElseThrow()).isLessThan(spec.firstSpecialTokenId());
        }
    }
}
