package org.jfoundry.adapters.modelimport.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenizerJsonTest {

    @TempDir
    Path dir;

    /** Byte tokens (GPT-2's byte-to-character map), merges for "Ġthe", "12" and "in", then three control tokens. */
    private static Vocabulary vocabulary(String pre) {
        List<String> tokens = new ArrayList<>();
        for (int b = 0; b < 256; b++) {
            tokens.add(String.valueOf(byteToChar(b)));
        }
        List<String> merges = List.of("Ġ t", "h e", "Ġt he", "1 2", "i n");
        merges.forEach(merge -> tokens.add(merge.replace(" ", "")));
        tokens.addAll(List.of("<|endoftext|>", "<|im_start|>", "<|im_end|>"));
        List<Integer> types = new ArrayList<>();
        tokens.forEach(token -> types.add(token.startsWith("<|") ? Vocabulary.CONTROL : 1));
        return new Vocabulary(tokens, types, merges, pre);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "smollm    ; <|im_start|>user\\nin the 123<|im_end|> ; <|im_start|>,u,s,e,r,Ċ,in,Ġthe,Ġ,1,2,3,<|im_end|>",
            "gpt-2     ; <|im_start|>in the 123<|im_end|>       ; <|im_start|>,in,Ġthe,Ġ,12,3,<|im_end|>",
            "qwen2     ; in the 123                             ; in,Ġthe,Ġ,1,2,3",
            "llama-bpe ; in the 123                             ; in,Ġthe,Ġ,12,3"})
    void huggingFacesTokenizerSplitsAsTheFamilyDoes(String pre, String text, String expected) throws Exception {
        Path file = dir.resolve("tokenizer.json");
        new ObjectMapper().writeValue(file.toFile(), TokenizerJson.build(vocabulary(pre)));

        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(file, Map.of("addSpecialTokens", "false"))) {
            String input = text.replace("\\n", "\n");
            assertThat(tokenizer.encode(input, false, false).getTokens()).containsExactly(expected.split(","));
            long[] ids = tokenizer.encode(input, false, false).getIds();
            assertThat(tokenizer.decode(ids, false)).isEqualTo(input);
            assertThat(tokenizer.decode(ids, true)).isEqualTo(input.replaceAll("<\\|im_(start|end)\\|>", ""));
        }
    }

    @Test
    void controlTokensAreSpecialAddedTokensWithTheirIds() {
        Map<String, Object> json = TokenizerJson.build(vocabulary("smollm"));

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> added = (List<Map<String, Object>>) json.get("added_tokens");
        assertThat(added).extracting(token -> token.get("content"))
                .containsExactly("<|endoftext|>", "<|im_start|>", "<|im_end|>");
        assertThat(added).extracting(token -> token.get("id")).containsExactly(261, 262, 263);
        assertThat(added).allMatch(token -> token.get("special").equals(true) && token.get("normalized").equals(false));
    }

    @Test
    void anUnknownPreTokenizerIsRefusedByName() {
        assertThatThrownBy(() -> TokenizerJson.build(vocabulary("deepseek-coder")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("'deepseek-coder'").hasMessageContaining("smollm");
    }

    private static char byteToChar(int b) {
        if ((b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF)) {
            return (char) b;
        }
        int shifted = 0;
        for (int i = 0; i < b; i++) {
            if (!((i >= '!' && i <= '~') || (i >= 0xA1 && i <= 0xAC) || (i >= 0xAE && i <= 0xFF))) {
                shifted++;
            }
        }
        return (char) (256 + shifted);
    }
}
