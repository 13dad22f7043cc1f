package org.jfoundry.adapters.ort.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.jfoundry.ports.failure.EngineFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GenAiConfigTest {

    private static final String CONFIG = """
            {"model": {"bos_token_id": 1, "context_length": 4096, "eos_token_id": %s, "pad_token_id": 0,
              "type": "phi3", "vocab_size": 32064,
              "decoder": {"filename": "model.onnx", "head_size": 96, "hidden_size": 3072,
                "num_attention_heads": 32, "num_hidden_layers": 32, "num_key_value_heads": 8,
                "session_options": {"log_id": "onnxruntime-genai", "intra_op_num_threads": 4,
                  "graph_optimization_level": "ORT_ENABLE_EXTENDED", "session.intra_op.allow_spinning": "0",
                  "provider_options": [{"cuda": {"enable_cuda_graph": "0"}}]},
                "inputs": {"input_ids": "input_ids", "attention_mask": "attention_mask",
                  "past_key_names": "past_key_values.%%d.key", "past_value_names": "past_key_values.%%d.value"},
                "outputs": {"logits": "logits", "present_key_names": "present.%%d.key",
                  "present_value_names": "present.%%d.value"}}},
             "search": {"do_sample": true, "max_length": 2048, "top_k": 40, "top_p": 0.9, "temperature": 0.6,
               "repetition_penalty": 1.1, "past_present_share_buffer": true, "random_seed": 5}}""";

    private static GenAiConfig parse(String eos) throws Exception {
        return GenAiConfig.parse(new ObjectMapper().readTree(CONFIG.formatted(eos)));
    }

    @Test
    void eosIsANumberOrAList() throws Exception {
        assertThat(parse("32000").eosTokenIds()).containsExactly(32000);
        assertThat(parse("[32007, 32001, 32000]").eosTokenIds()).containsExactly(32007, 32001, 32000);
    }

    @Test
    void everySectionIsRead() throws Exception {
        GenAiConfig config = parse("32000");

        assertThat(config.contextLength()).isEqualTo(4096);
        assertThat(config.configuredMaxLength()).isEqualTo(2048);
        assertThat(config.decoder().numKeyValueHeads()).isEqualTo(8);
        assertThat(config.decoder().input("past_key_names", "?")).isEqualTo("past_key_values.%d.key");
        assertThat(config.decoder().sessionOptions().intraOpThreads()).isEqualTo(4);
        assertThat(config.decoder().sessionOptions().graphOptimizationLevel()).isEqualTo("ORT_ENABLE_EXTENDED");
        assertThat(config.decoder().sessionOptions().providerOptions())
                .isEqualTo(Map.of("cuda", Map.of("enable_cuda_graph", "0")));
        assertThat(config.decoder().sessionOptions().configEntries())
                .isEqualTo(Map.of("session.intra_op.allow_spinning", "0"));
        assertThat(config.search()).isEqualTo(new GenAiConfig.Search(true, 2048, 40, 0.9, 0.6, 1.1, true, 5));
    }

    @Test
    void aMaxLengthOfZeroMeansTheContextLength() throws Exception {
        String json = CONFIG.formatted("1").replace("\"max_length\": 2048", "\"max_length\": 0");

        assertThat(GenAiConfig.parse(new ObjectMapper().readTree(json)).configuredMaxLength()).isEqualTo(4096);
    }

    @Test
    void aBrokenConfigIsAnEngineFailureNamingTheFile(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("genai_config.json"), "{\"model\": {\"decoder\": {}}}");

        assertThatThrownBy(() -> GenAiConfig.read(folder))
                .isInstanceOf(EngineFailureException.class)
                .hasMessageContaining("genai_config.json")
                .hasMessageContaining("context_length");
    }
}
