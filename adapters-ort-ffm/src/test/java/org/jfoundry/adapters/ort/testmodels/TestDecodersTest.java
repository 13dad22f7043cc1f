package org.jfoundry.adapters.ort.testmodels;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

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
    void everyTokenIsWhatTheMergesMakeOfItsOwnText() {
        for (DecoderSpec spec : new DecoderSpec[]{DecoderSpec.tinyGqa(1), withVocabulary(4096)}) {
            ByteLevelTokenizer tokenizer = ByteLevelTokenizer.forSpec(spec);

            assertThat(tokenizer.vocab()).hasSize(spec.firstSpecialTokenId());
            assertThat(tokenizer.merges()).hasSize(spec.firstSpecialTokenId() - 256);
            tokenizer.vocab().keySet().forEach(token ->
                    assertThat(tokenizer.split(token)).as("split of %s", token).containsExactly(token));
        }
    }

    @Test
    void huggingFacesMergesBuildEveryCommonWordAsTheOneVocabularyToken() throws Exception {
        DecoderSpec spec = withVocabulary(4096);
        Path dir = TestDecoders.write(temp.resolve("words"), spec);
        Map<String, Integer> vocab = ByteLevelTokenizer.forSpec(spec).vocab();

        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(dir.resolve("tokenizer.json"))) {
            for (String word : ByteLevelTokenizer.WORDS) {
                long[] ids = tokenizer.encode(" " + word, false, false).getIds();
                assertThat(ids).as("\" %s\"", word).containsExactly(vocab.get("Ġ" + word).longValue());
            }
            assertThat(tokenizer.encode(TestPrompts.commonWords(128), false, false).getIds()).hasSize(128);
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

    private static DecoderSpec withVocabulary(int vocabSize) {
        return new DecoderSpec("qwen2", DecoderSpec.Attention.GROUP_QUERY_SHARED_BUFFER, false, false,
                vocabSize, 64, 1, 4, 2, 16, 128, 256, 0, 10_000, 42);
    }
}
